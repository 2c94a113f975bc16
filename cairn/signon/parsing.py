"""Reading what an administrator gives for single sign-on (e-mail domains, GROUP=ROLE lines), and the roles a
provider's groups claim gives."""

import re

from django.core.exceptions import ValidationError

from cairn.accounts.models import Role

from .models import SingleSignOn

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def parse_domains(text: str | list[str]) -> list[str]:
    """E-mail domains from a comma-separated list (or a list), lower case, each checked."""
    items = text if isinstance(text, list) else re.split(r"[,\s]+", text or "")
    domains = []
    for item in items:
        domain = item.strip().lower().lstrip("@")
        if not domain:
            continue
        if not DOMAIN.match(domain):
            raise ValidationError({"domains": f"“{item.strip()}” is not an e-mail domain, such as northmoor.gov.uk"})
        if domain not in domains:
            domains.append(domain)
    if not domains:
        raise ValidationError({"domains": "Enter at least one e-mail domain, such as northmoor.gov.uk"})
    return domains


def role_named(text: str) -> str:
    """A Cairn role from its name as the administration pages show it ("Scrutiny officer") or its value."""
    wanted = text.strip().lower().replace("_", " ")
    for value, label in Role.choices:
        if wanted in (value.replace("_", " "), label.lower()):
            return value
    raise ValidationError(
        {"role_mapping": f"“{text.strip()}” is not a role. The roles are: {', '.join(label for _, label in Role.choices)}"}
    )


def parse_role_mapping(lines: list[str]) -> dict[str, list[str]]:
    """GROUP=ROLE lines into {group: [roles]}; a group may give several roles."""
    mapping: dict[str, list[str]] = {}
    for line in lines:
        if not line.strip():
            continue
        group, equals, role = line.rpartition("=")
        if not equals or not group.strip() or not role.strip():
            raise ValidationError({"role_mapping": f"“{line.strip()}” is not GROUP=ROLE, such as cairn-officers=Scrutiny officer"})
        roles = mapping.setdefault(group.strip(), [])
        if (value := role_named(role)) not in roles:
            roles.append(value)
    return mapping


def mapped_roles(sign_on: SingleSignOn, claims: dict) -> list[str]:
    groups = claims.get(sign_on.groups_claim) or []
    if isinstance(groups, str):
        groups = [groups]
    roles = {role for group in groups if isinstance(group, str) for role in sign_on.role_mapping.get(group, [])}
    return sorted(roles)
