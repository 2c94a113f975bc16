"""Projects 1 to 4: earlier help for families, so that fewer children need to come into care."""

from ...dates import Day, Month, Words
from .shapes import BARRIER, DONE, HIGHER, ISSUE, LOWER, OFF, ON, RISK, A, G, Measure, Money, Report, Step

PREVENTION = [
    {
        "number": "1",
        "name": "Early Help in Neighbourhoods",
        "short_name": "Early Help",
        "objective": (
            "Create multi-agency neighbourhood teams that give children and families wrap-around support "
            "before problems escalate."
        ),
        "key_elements": [
            (
                "Co-locate the Early Help Access Point, the Multi-Agency Safeguarding Hub and the single "
                "point of entry"
            ),
            (
                "Four neighbourhood teams (Northgate, Millbrook, Eastfield and Riverside) with social care, "
                "health, police, schools and the voluntary sector working in partnership"
            ),
            "Support delivered in communities, building on local assets and local intelligence",
            "Wrap-around support to prevent escalation",
            "Led by the estates plan",
        ],
        "budget": None,
        "budget_text": "Within existing budgets",
        "other_resources": ["Four neighbourhood hubs", "Multi-agency development and implementation group"],
        "impact": "Longer-term reduction in the need for statutory interventions, including care.",
        "lead_name": "Head of Early Help and Neighbourhoods",
        "rag": A,
        "risk_area": "Front door co-location may slip to the spring",
        "plan": "..DPPPPPPPPIIIIIISSS",
        "milestones": [
            Step(
                Month(-9, "%b %y"),
                "Front door co-location meeting between children's social care, estates, health and police",
                DONE,
                "Completed",
            ),
            Step(
                Month(-8),
                "Agree staffing and space needs with partners; facilities management to scope buildings",
                DONE,
                "Completed",
            ),
            Step(Month(-6), "Assess each building option and agree one", ON),
            Step(
                Day(-120, "%d %B %Y"),
                "Co-location of the Early Help Access Point and single point of entry at "
                "Millbrook Children's Centre agreed",
                DONE,
                "Agreed",
            ),
            Step(
                Month(-1),
                "Front door team moves into Millbrook Children's Centre",
                OFF,
                revisions=((Month(2), "The lease for the ground floor was signed later than planned."),),
            ),
            Step(Words("To be agreed"), "Neighbourhood teams co-located in all four hubs"),
        ],
        "indicators": [
            Measure("Early help episodes open", "families", HIGHER, 650, 550, 588, 732, 22),
            Measure(
                "Open social care cases with early help work (%)", "%", HIGHER, 30, 25, 24.1, 30.3, 1.1, 1
            ),
            Measure(
                "Contacts to the front door (rolling 12 months)",
                "contacts",
                LOWER,
                2100,
                2400,
                2480,
                1976,
                35,
            ),
        ],
        "money": [],
        "risks": [
            (
                ISSUE,
                A,
                (
                    "Health partners were redeployed during winter pressures and two planning meetings were "
                    "cancelled."
                ),
                "Meetings reinstated monthly; a new health visiting lead has been named.",
            ),
            (
                RISK,
                A,
                "Building works at Millbrook may not finish before the planned move.",
                "Weekly checks with estates; teams to co-locate virtually in the meantime.",
            ),
        ],
        "reports": [
            Report(
                A,
                [
                    (
                        "Early Help Access Point and single point of entry agreed to co-locate at Millbrook "
                        "Children's Centre."
                    ),
                    "Neighbourhood coordinators appointed for Northgate and Eastfield.",
                    (
                        "Teams are working as one virtually until the building is ready: fewer duplicate "
                        "referrals already."
                    ),
                ],
                ["Health partners' capacity over the winter", "Building works at Millbrook"],
            ),
            Report(
                A,
                [
                    "Front door move now planned for the spring because of building works.",
                    "Shared triage meeting running daily with health and police.",
                    (
                        "Riverside and Millbrook neighbourhood teams launched with local schools and the "
                        "voluntary sector."
                    ),
                ],
                ["Building works at Millbrook may delay the move further"],
                state="submitted",
            ),
        ],
    },
    {
        "number": "2",
        "name": "Family Support Service",
        "short_name": "Family Support",
        "objective": (
            "Set up a family support service that gives practical help and diversionary work across the "
            "whole range of need, to prevent children coming into care."
        ),
        "key_elements": [
            (
                "The current offer (early help and edge of care) leaves a gap for children in need, on a "
                "child protection plan or in care"
            ),
            "A broader offer from tier 2 to tier 4, with ongoing support rather than in-and-out",
            "Support from 8am to 8pm on weekdays, and at weekends",
            "The same worker stays with a family as their needs go up or down",
            "Practical help such as getting to appointments: doing with, not to",
            "Family group conferences offered at every level of need",
        ],
        "budget": 760000,
        "budget_text": "£760,000",
        "other_resources": ["Project management", "HR", "Finance", "Workforce development", "Estates"],
        "impact": (
            "Medium-term reduction in statutory interventions, including care. More step-down, less step-up"
        ),
        "lead_name": "Service Manager, Family Support",
        "rag": G,
        "risk_area": "Weekend rota still to be agreed with the unions",
        "plan": "DDPPIIIIIIIISSSSSSSS",
        "milestones": [
            Step(Month(-10), "Staff consultation", DONE, "Consulted"),
            Step(Month(-9), "Rota cycle and flexible working arrangements agreed", ON),
            Step(Day(-230), "Presentation to staff and unions", DONE, "Completed"),
            Step(
                Month(-6, "%b %Y"),
                "Recruitment: senior family intervention worker and practice manager appointed",
                DONE,
                "Completed",
            ),
            Step(Month(-4), "Line management of child protection family workers moves to early help", ON),
            Step(Month(1), "New contracts returned and seven-day working live", ON),
        ],
        "indicators": [
            Measure(
                "Open cases with family support worker involvement (%)",
                "%",
                HIGHER,
                30,
                25,
                22.5,
                31.8,
                1.0,
                1,
            ),
            Measure("Re-referrals within 12 months (%)", "%", LOWER, 18, 23, 24.6, 20.9, 1.2, 1),
            Measure("Cases stepped up to social care (rolling 12 months)", "cases", LOWER, 25, 35, 43, 31, 2),
        ],
        "money": [Money(-1, 380000, 352000, 352000), Money(0, 380000, None, 395000)],
        "risks": [
            (
                RISK,
                A,
                "Recruitment of weekend workers slower than planned.",
                "Rolling advert; existing staff offered weekend hours first.",
            ),
            (ISSUE, G, "Weekend rota needs agreement with the unions.", "Consultation meetings booked."),
        ],
        "reports": [
            Report(
                G,
                [
                    "All posts recruited; new contracts issued and most returned.",
                    "Family group conference offer extended to children in need.",
                    "Evening support running on weekdays; weekends from next month.",
                ],
                ["Weekend rota still to be agreed with the unions"],
                spent=575000,
            ),
            Report(
                G,
                [
                    "Seven-day working starts next month.",
                    "Step-ups to social care down from 43 to 31 over two years.",
                ],
                ["Two weekend posts still vacant"],
                spent=621000,
                state="draft",
            ),
        ],
    },
    {
        "number": "3",
        "name": "Team Around the School",
        "short_name": "Team Around the School",
        "objective": (
            "Roll out the Team Around the School model faster to every school, college and nursery, "
            "including private and voluntary nurseries."
        ),
        "key_elements": [
            "Helps schools support children and families with confidence, preventing escalation",
            "Well established in secondary schools",
            "Roll out to all schools, with a focus on primary schools",
            "Extend into pre-school settings to support the youngest children",
            "Coordinator roles to speed up the roll-out",
        ],
        "budget": 45000,
        "budget_text": "£45,000",
        "other_resources": ["HR", "Finance"],
        "impact": (
            "Medium-term reduction in formal early help, child in need and care. Fewer repeat referrals."
        ),
        "lead_name": "Early Help Manager",
        "rag": G,
        "risk_area": "Primary school sign-up slower than planned",
        "plan": "DPPIIIIIISSSSSSSSSSS",
        "milestones": [
            Step(Month(-8), "Recruit three neighbourhood coordinators", DONE, "Completed"),
            Step(
                Month(-7, "%b %y"),
                "Team Around the School for the pupil referral unit",
                ON,
                "On-going weekly",
            ),
            Step(
                Month(-5), "Family group conference link from Team Around the School meetings", ON, "On-going"
            ),
            Step(Month(1), "Replace the team manager for the access point and neighbourhood teams", ON),
        ],
        "indicators": [
            Measure("Settings taking part in Team Around the School", "settings", HIGHER, 75, 60, 38, 80, 2),
            Measure("Contacts referred on to social care (%)", "%", LOWER, 25, 30, 33.4, 28.8, 1.1, 1),
        ],
        "money": [Money(0, 45000, None, 45000)],
        "risks": [
            (
                RISK,
                A,
                "Some primary schools cannot release staff to lead the meetings.",
                "Coordinators offer to chair the first three meetings in each school.",
            )
        ],
        "reports": [
            Report(
                G,
                ["80 settings now taking part, up from 38.", "Three new coordinators in post."],
                ["Primary school sign-up slower than planned"],
                spent=22000,
            ),
            Report(
                G,
                ["Two nurseries joined this month.", "Team manager post advertised."],
                [],
                spent=30000,
                state="submitted",
            ),
        ],
    },
    {
        "number": "4",
        "name": "Duty and Locality Teams",
        "short_name": "Duty/Locality",
        "objective": (
            "Stage 1: restructure the duty and locality teams to remove a hand-off. Stage 2: move to "
            "locality working, with a team in each of the four neighbourhoods holding that neighbourhood's "
            "cases."
        ),
        "key_elements": [
            "Closely aligned with the early help neighbourhood model",
            "Fewer changes of social worker for children",
            (
                "Four locality and four duty teams, currently in one building, merge and move out to the "
                "neighbourhoods"
            ),
            "Removes one hand-off by combining duty and locality functions",
        ],
        "budget": None,
        "budget_text": "N/A – no budget required",
        "other_resources": [
            "Offices in all four neighbourhoods",
            "Project management",
            "Estates",
            "HR",
            "Workforce development",
        ],
        "impact": (
            "Continuity of worker, better relationships, less reassessment and better management oversight."
        ),
        "lead_name": "Head of Children's Operational Services",
        "lead_user": "lead",
        "rag": A,
        "risk_area": "Merging teams while caseloads remain high",
        "plan": "DPPPPIIIIIIISSSSSSSS",
        "milestones": [
            Step(Month(-7), "Preparation work", DONE, "Completed"),
            Step(Month(-2), "Training for merged teams", ON),
            Step(Month(1), "Go live: teams merged, duty workers in neighbourhood children's centres", ON),
            Step(Words("To be agreed"), "Stage 2: teams based in each neighbourhood"),
        ],
        "indicators": [
            Measure(
                "Children with 3 or more social workers in 12 months (%)",
                "%",
                LOWER,
                20,
                30,
                44.8,
                29.5,
                1.5,
                1,
            ),
            Measure(
                "Assessments completed within 45 working days (%)", "%", HIGHER, 85, 75, 76.2, 84.1, 1.8, 1
            ),
            Measure("Child protection visits within timescale (%)", "%", HIGHER, 95, 90, 92.7, 95.8, 0.9, 1),
        ],
        "money": [],
        "risks": [
            (
                RISK,
                A,
                "Merging teams while caseloads remain high.",
                "Phased merger, one neighbourhood at a time.",
            ),
            (
                BARRIER,
                A,
                "The new case management module changes the front door at the same time.",
                "Go-live dates aligned with the systems team.",
            ),
        ],
        "reports": [
            Report(
                A,
                ["Preparation complete; training dates set.", "Virtual teams running in two neighbourhoods."],
                ["Caseloads remain high"],
            ),
            Report(
                A,
                ["Training under way.", "Fewer changes of social worker: 29.5%, from 44.8%."],
                ["Go-live depends on the case management module"],
                state="submitted",
            ),
        ],
    },
]
