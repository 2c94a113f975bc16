"""What the tests' provider says about a person: e-mail, names and groups; and, for named test people, what a
misconfigured or hostile provider would say (another audience, an unverified address)."""


def userinfo(claims, user):
    claims.update(email=user.email, email_verified=True, given_name=user.first_name, family_name=user.last_name)
    return claims


def id_token(id_token, user, token=None, request=None, **kwargs):
    id_token["email"] = user.email
    id_token["email_verified"] = user.username != "unverified"
    id_token["given_name"] = user.first_name
    id_token["family_name"] = user.last_name
    id_token["groups"] = sorted(group.name for group in user.groups.all())
    if user.username == "wrongaudience":
        # Issued for another application: the party it names is Cairn, but the audience is not.
        id_token["aud"] = "another-application"
        id_token["azp"] = token.client.client_id if token is not None else id_token.get("azp")
    return id_token
