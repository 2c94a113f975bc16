"""Projects 5 to 7: local, stable homes for the children who do need care."""

from ...dates import Day, Month, Words
from .shapes import BARRIER, DONE, HIGHER, ISSUE, LOWER, OFF, ON, RISK, A, G, Measure, Money, R, Report, Step

HOMES = [
    {
        "number": "5",
        "name": "Harbour House: short breaks and assessment",
        "short_name": "Harbour House",
        "objective": (
            "Provide a short-break and assessment home, backed by an outreach team, so that young people "
            "aged 11 and over can stay at home safely and placements do not break down."
        ),
        "key_elements": [
            "Short breaks of up to 72 hours, planned and in an emergency",
            "A key worker stays with the young person after the break, working with the family",
            "Speech and language, psychology and police input to prevent criminalisation",
            "One emergency and three assessment beds for up to 12 weeks",
            (
                "Keeps young people connected with their family and community instead of going out of the "
                "borough"
            ),
        ],
        "budget": 520000,
        "budget_text": "£ - £ 520K",
        "other_resources": ["Project management", "Estates", "HR", "Finance", "Workforce development"],
        "impact": (
            "Fewer young people aged 11 and over coming into care; fewer placements out of the borough."
        ),
        "lead_name": "Head of Children's Operational Services",
        "lead_user": "lead",
        "rag": R,
        "risk_area": "Purchase of the Beacon Lane site and planning consent",
        "plan": "D....PPPIIIIIIIISSSS",
        "milestones": [
            Step(Words("To be agreed"), "Prepare planning application once the sale completes"),
            Step(Month(-5), "Recruit the registered manager and residential team", ON),
            Step(Month(-3), "Refurbish Orchard Road for short breaks", DONE, "Completed"),
            Step(
                Month(-2),
                "Start work to change the use of Beacon Lane to an assessment centre",
                OFF,
                revisions=(
                    (Month(0), "Planning consent for the change of use took longer than expected."),
                    (Month(1), "The contractor's start was put back by the asbestos survey."),
                ),
            ),
            Step(
                Month(0),
                "Recruit the assessment centre staff team",
                OFF,
                revisions=((Month(2), "Recruitment waits for the building work to start."),),
            ),
            Step(Month(3), "Register the assessment centre and short-break unit with Ofsted", ON),
        ],
        "indicators": [
            Measure(
                "Young people aged 11+ entering care (rolling 12 months)",
                "young people",
                LOWER,
                30,
                40,
                48,
                41,
                2,
            ),
            Measure(
                "Edge of care young people supported to stay at home (%)",
                "%",
                HIGHER,
                80,
                70,
                61.5,
                71.2,
                1.6,
                1,
            ),
        ],
        "money": [Money(-1, 260000, 244000, 244000), Money(0, 260000, None, 301000)],
        "risks": [
            (
                ISSUE,
                R,
                "The vendor of Beacon Lane has not confirmed a completion date.",
                "Chasing weekly through legal services; fallback site identified.",
            ),
            (
                RISK,
                A,
                "Neighbours may object to the planning application.",
                "Drop-in session for neighbours.",
            ),
            (
                RISK,
                A,
                "Registration with Ofsted may be delayed.",
                "Early pre-registration meeting requested.",
            ),
            (
                BARRIER,
                A,
                "Management posts not yet recruited.",
                "Interim manager from the fostering service.",
            ),
        ],
        "reports": [
            Report(
                A,
                [
                    "Orchard Road refurbished and ready for short breaks.",
                    "Registered manager interviews held.",
                ],
                ["Beacon Lane completion date", "Planning objections"],
                spent=401000,
            ),
            Report(
                R,
                [
                    "Short breaks running at Orchard Road: 46 nights used so far.",
                    "Beacon Lane sale still not complete.",
                ],
                ["Beacon Lane completion date not confirmed", "Assessment centre likely to open late"],
                spent=452000,
                state="draft",
            ),
        ],
    },
    {
        "number": "6",
        "name": "Fostering Service Improvement",
        "short_name": "Fostering",
        "objective": (
            "Recruit more foster carers through a model that fits today's needs, with better pay and "
            "support, so that more children with complex needs can be fostered in Exampleton."
        ),
        "key_elements": [
            "A modern fostering offer that keeps Exampleton children in Exampleton",
            "New recruitment and retention model",
            "Targeted recruitment of specialist carers, with retainer payments",
            "Foster-friendly employers: recruiting from their staff",
            "Out-of-hours support from the family support service, and access to Harbour House",
        ],
        "budget": 140000,
        "budget_text": "£ – £ 140,000",
        "other_resources": ["Communications team"],
        "impact": (
            "More Exampleton carers for Exampleton children; supports placement sufficiency (project 7)."
        ),
        "lead_name": "Service Manager, Fostering",
        "rag": A,
        "risk_area": "Recruiting carers for teenagers and sibling groups",
        "plan": "D..PPPIIIIIISSSSSSSS",
        "milestones": [
            Step(Month(-10, "%b %Y"), "Bid to the lottery fund for a step-up, step-down fostering model", ON),
            Step(
                Month(-8), "Recruit dedicated business support for the fostering service", DONE, "Completed"
            ),
            Step(Month(-7), "Permanent team manager appointed", DONE, "Completed"),
            Step(Month(-6), "Review of the offer to foster carers", ON),
            Step(Month(-5), "Cleanse the fostering register (over 200 records)", DONE, "Completed"),
            Step(Month(1), "Two-year training plan for foster carers", ON),
        ],
        "indicators": [
            Measure("Exampleton foster carers (households)", "households", HIGHER, 230, 210, 198, 214, 3),
            Measure("Children in care placed within Exampleton (%)", "%", HIGHER, 65, 55, 54.0, 58.6, 1.2, 1),
            Measure("Children in care in private provision (%)", "%", LOWER, 22, 27, 31.2, 28.0, 0.9, 1),
            Measure(
                "Children with 3 or more placements in 12 months (%)", "%", LOWER, 9, 11, 10.9, 8.4, 0.5, 1
            ),
        ],
        "money": [Money(-1, 70000, 66000, 66000), Money(0, 70000, None, 68000)],
        "risks": [
            (
                RISK,
                A,
                "Fewer enquiries from people able to foster teenagers.",
                "Targeted campaign with employers.",
            ),
            (RISK, G, "Cost of any increase in carers' allowances.", "Options costed for the budget round."),
        ],
        "reports": [
            Report(
                A,
                [
                    "Business support team in post.",
                    "All management and social work posts filled permanently.",
                    "Open evening at the Riverside Hotel: 16 expressions of interest.",
                ],
                ["Recruitment of carers for teenagers"],
                spent=88000,
            ),
            Report(
                A,
                [
                    "Review of the offer to foster carers goes to the leadership team next month.",
                    "Nine new households approved this year.",
                ],
                ["Cost of the new offer"],
                spent=101000,
                state="submitted",
            ),
        ],
    },
    {
        "number": "7",
        "name": "Placements Review and Sufficiency",
        "short_name": "Placements Review / Sufficiency",
        "objective": (
            "Review every placement so that each child is in the right home, at the lowest possible cost "
            "for the shortest possible time, while always meeting the council's safeguarding duty."
        ),
        "key_elements": [
            "Management review of all placements for children in care",
            "Tackling drift and delay",
            "Multi-agency panel looking at cases with a view to permanence",
            "Managed market brokerage and quality assurance, locally and across Southmoor",
            "Placed with parents and special guardianship orders maximised, with review after discharge",
            "Earlier allocation of personal advisers",
        ],
        "budget": 610000,
        "budget_text": "£610,000",
        "other_resources": ["Business support capacity"],
        "impact": (
            "Fewer residential placements; placements better matched to each child; fewer children in care."
        ),
        "lead_name": "Head of Commissioning (Children)",
        "rag": A,
        "risk_area": "Little spare capacity in the external market",
        "plan": "DIIIIIIIISSSSSSS....",
        "milestones": [
            Step(
                Day(-330, "%d %b %y"),
                "Set up the multi-professional placement tracking panel",
                DONE,
                "Completed",
            ),
            Step(Month(-8), "Contract monitoring framework", ON),
            Step(Month(-6, "Mid %b %y"), "Placement data cleanse", OFF),
            Step(Month(-5, "%b %y"), "Southmoor 'placing closer to home' and brokerage review", OFF),
            Step(
                Month(-3),
                "Permanence: special guardianship, discharge of care orders, placement with parents",
                ON,
            ),
        ],
        "indicators": [
            Measure("Children in care", "children", LOWER, 290, 310, 318, 301, 3),
            Measure("Children in care per 10,000 under-18s", "per 10,000", LOWER, 80, 90, 96.0, 91.5, 0.8, 1),
            Measure("Children in residential care", "children", LOWER, 24, 30, 34, 29, 1),
        ],
        "money": [Money(-1, 305000, 298000, 298000), Money(0, 305000, None, 305000)],
        "risks": [
            (
                ISSUE,
                A,
                "Incomplete placement data held in the case management system.",
                "Data cleanse delegated to supervisors.",
            ),
            (
                RISK,
                R,
                "Little spare capacity in the external market.",
                "Fostering growth (project 6); cross-border work with neighbouring councils.",
            ),
        ],
        "reports": [
            Report(
                A,
                [
                    "Every placement reviewed by the panel in the last six months.",
                    "Brokerage now chases actions between panels.",
                ],
                ["Data quality", "Market capacity"],
                spent=420000,
                savings=96000,
            ),
            Report(
                A,
                [
                    "Deep dive into all under-10s in residential care complete.",
                    "Two children moved from residential care to foster families.",
                ],
                ["Market capacity"],
                spent=455000,
                savings=148000,
                state="submitted",
            ),
        ],
    },
]
