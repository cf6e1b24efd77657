"""Who acts: the gazetteer (knowledge), the matcher (finding it in text), the resolver (noun
phrases to entities, offices to office holders by date) and coreference (pronouns, descriptions)."""

from realpolitik.actors.gazetteer import ActorEntry, Gazetteer, RoleWord, Term
from realpolitik.actors.matcher import ActorMatcher
from realpolitik.actors.resolver import ActorResolver

__all__ = ["ActorEntry", "ActorMatcher", "ActorResolver", "Gazetteer", "RoleWord", "Term"]
