"""Words a generated council's papers are made of: plausible, varied and the same on every load (a seeded random)."""

import random

TOPICS = [
    "adult social care charging", "home to school transport", "highways maintenance", "waste and recycling",
    "libraries and community hubs", "temporary accommodation", "special educational needs", "youth services",
    "public health commissioning", "flood risk management", "council tax collection", "leisure centres",
    "parking enforcement", "planning enforcement", "domestic abuse services", "care leavers' support",
    "digital services", "procurement", "staff sickness absence", "street lighting", "bus subsidies",
    "apprenticeships", "carers' support", "fostering recruitment", "school place planning", "trading standards",
    "the climate emergency plan", "empty homes", "disabled facilities grants", "debt advice",
]
SUBJECTS = [
    "the council", "the Cabinet Member", "the Director", "officers", "the service", "the partnership board",
    "the commissioning team", "the finance team",
]
VERBS = [
    "reviews", "publishes", "consults on", "commissions", "reports to the Committee on", "agrees a plan for",
    "sets targets for", "pilots", "reduces the cost of", "improves", "brings together", "redesigns",
]
OBJECTS = [
    "the eligibility criteria", "the contract with providers", "performance information", "the customer journey",
    "the use of agency staff", "the waiting list", "information for residents", "joint working with the NHS",
    "the fees and charges", "the referral pathway", "the quality of data", "the training offered to staff",
]
PURPOSES = [
    "so that residents get a quicker decision", "to make the service affordable in the medium term",
    "so that members can see progress each quarter", "to reduce reliance on high-cost placements",
    "so that fewer cases are escalated", "to meet the statutory guidance", "so that savings are realised by year end",
    "in line with the corporate plan",
]
PROGRESS = [
    "A working group met in {month} and agreed terms of reference.", "The draft has been shared with partners.",
    "Figures for the last quarter show a small improvement.", "Recruitment to the two posts is complete.",
    "A report went to the management team in {month}.", "Consultation closed with {n} responses.",
    "The new process has been live since {month}.", "Training has been delivered to {n} staff.",
    "Spend is within the approved budget.", "The procurement timetable has been agreed with legal services.",
    "Residents' feedback has been gathered through the panel.", "Data cleansing has removed {n} duplicate records.",
]
REASONS = [
    "Delay due to vacancies in the team.", "Waiting for the national guidance to be published.",
    "The provider market did not respond to the tender.", "Work paused during the budget setting process.",
    "Partners asked for more time to consult their boards.",
]
ROLES = [
    "Head of Service", "Service Manager", "Assistant Director", "Commissioning Manager", "Operations Manager",
    "Strategic Lead", "Business Partner",
]
FIRST_NAMES = [
    "Alex", "Bina", "Carys", "Dev", "Eleni", "Femi", "Gwen", "Harun", "Isla", "Jon", "Kemi", "Lars", "Maya", "Nia",
    "Owen", "Pavel", "Rhian", "Sunil", "Tess", "Uma", "Vic", "Wyn", "Yara", "Zak",
]
LAST_NAMES = [
    "Abara", "Bellamy", "Chaudry", "Dunmore", "Everett", "Fairbairn", "Greaves", "Hollis", "Ingram", "Jaworski",
    "Kettering", "Lowther", "Mensah", "Nightingale", "Osei", "Pritchard", "Quayle", "Rowntree", "Sandhu", "Thackeray",
]
PLACE_STARTS = ["Ash", "Brook", "Kings", "Long", "Mill", "North", "Oak", "Red", "South", "Stan", "West", "Wood"]
PLACE_ENDS = ["bury", "field", "ford", "ham", "ley", "mouth", "stead", "ton", "wick", "worth"]
COUNCIL_KINDS = ["Borough", "District", "City"]


class Words:
    """Sentences drawn from the lists above by a seeded random, so a generated council reads the same every time."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def pick(self, options: list):
        return self.rng.choice(options)

    def topic(self) -> str:
        return self.pick(TOPICS)

    def recommendation(self, topic: str) -> str:
        return (
            f"That {self.pick(SUBJECTS)} {self.pick(VERBS)} {self.pick(OBJECTS)} for {topic}, "
            f"{self.pick(PURPOSES)}. The Committee asks for a report on progress within six months."
        )

    def step(self) -> str:
        return f"{self.pick(VERBS).capitalize()} {self.pick(OBJECTS)}"

    def evidence(self, month: str) -> str:
        sentences = self.rng.sample(PROGRESS, 4)
        return " ".join(s.format(month=month, n=self.rng.randint(12, 480)) for s in sentences)

    def reason(self) -> str:
        return self.pick(REASONS)

    def person(self) -> tuple[str, str]:
        return self.pick(FIRST_NAMES), self.pick(LAST_NAMES)


def council_name(index: int) -> str:
    """The index-th generated council's name: different for every index below 360."""
    place = PLACE_STARTS[index % len(PLACE_STARTS)] + PLACE_ENDS[(index // len(PLACE_STARTS)) % len(PLACE_ENDS)]
    kind = COUNCIL_KINDS[(index // (len(PLACE_STARTS) * len(PLACE_ENDS))) % len(COUNCIL_KINDS)]
    return f"{place} {kind} Council"
