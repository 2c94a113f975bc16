"""Exampleton Borough Council's people and committees (all fictional)."""

from cairn.accounts.models import Role

from ..council import Person

NAME = "Exampleton Borough Council"
SLUG = "exampleton"
EMAIL_DOMAIN = "exampleton.example.org"

# Phone numbers are from Ofcom's range kept for drama, so they reach nobody.
PEOPLE = [
    Person(
        "admin", "Priya", "Castellan", "Democratic Services Manager", (Role.ADMINISTRATOR,), "01632 960 101"
    ),
    Person("officer", "Ruth", "Penhallow", "Scrutiny Officer", (Role.SCRUTINY_OFFICER,), "01632 960 418"),
    Person(
        "lead",
        "Daniel",
        "Okafor",
        "Head of Children's Operational Services",
        (Role.LEAD_OFFICER,),
        "01632 960 233",
    ),
    Person(
        "finance",
        "Helen",
        "Marchbank",
        "Finance Manager, Children's Services",
        (Role.FINANCE_MANAGER,),
        "01632 960 377",
    ),
    Person(
        "pm",
        "Sam",
        "Whitlock",
        "Programme Manager, Children in Care",
        (Role.PROGRAMME_MANAGER,),
        "01632 960 512",
    ),
    Person(
        "councillor",
        "Margaret",
        "Fenwick",
        "Chair, Children and Young People Select Committee",
        (Role.COUNCILLOR,),
    ),
]

# Whom a committee paper names as its contact.
SCRUTINY_CONTACT = {
    "contact_name": "Ruth Penhallow",
    "contact_post": "Scrutiny Officer",
    "contact_phone": "01632 960 418",
    "contact_email": "ruth.penhallow@exampleton.example.org",
}

CHILDREN = "Children and Young People Select Committee"
PLACE = "Place and Environment Select Committee"
ADULTS = "Adults, Health and Wellbeing Select Committee"
BOARD = "Children in Care Sustainability Board"
COMMITTEES = [CHILDREN, PLACE, ADULTS, BOARD]
