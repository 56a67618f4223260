"""Who may do what with the country profiles (built on rabat.roles)."""

from rabat import roles


def can_see_member_parts(user) -> bool:
    """A profile's contacts and the Secretariat's private notes: members."""
    return roles.is_member(user)


def can_see_unpublished_profile(user) -> bool:
    """A profile's text before it is published: the Secretariat, who write it."""
    return roles.is_secretariat(user)


def proposal_country_id(user) -> int | None:
    """The country whose profile `user` may propose updates to: a Focal
    Point's, the country of their contact card; None for anyone else."""
    if roles.FOCAL_POINT not in roles.group_names(user):
        return None
    from contacts.selectors import own_card

    card = own_card(user)
    return card.country_id if card else None


def can_propose_for(user, country) -> bool:
    """Propose updates to `country`'s profile (a Country or its pk): its own
    Focal Points."""
    country_id = getattr(country, "pk", country)
    return country_id is not None and proposal_country_id(user) == country_id


def can_decide_proposals(user) -> bool:
    """Accept or decline the proposed updates of every country."""
    return roles.is_secretariat(user)


def can_see_proposal(user, proposal) -> bool:
    """A proposal and its file: the Secretariat, and the Focal Points of its
    country."""
    return can_decide_proposals(user) or can_propose_for(user, proposal.country_id)
