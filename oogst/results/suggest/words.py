"""Word lists of the suggestions beyond the shared stop words of `oogst.text`."""

from oogst.text import EN_STOP, NL_STOP, word_set

# Auxiliaries, adverbs and fillers of end reports.
EXTRA_STOP = word_set(
    """
    zijn worden hebben kunnen zullen moeten willen gaan komen doen maken laten zitten staan
    liggen krijgen geven houden zien vinden nu weer meer veel minder heel erg echt even
    alleen steeds vaak altijd nooit soms toch eens gewoon zelf elkaar iets niets alles
    ander andere paar zo'n daardoor daarmee daarbij hierdoor waardoor erbij eruit erom
    ieder sinds inmiddels nadat toen terwijl beide allemaal mezelf zichzelf jezelf hen
    wordt werd waren was ben bent is heeft had hadden kan kon kunnen zal zou mag
    be have do can will would could should may might must shall get make go come
    now again more much many less lot really even only still often always never sometimes
    other another some any all both each every such there here too well back
    since when while after then today yesterday last next new make made
    has had was were is are been does did am
    i'm i've it's don't didn't doesn't
    """
)
STOP = NL_STOP | EN_STOP | EXTRA_STOP

# Endings that look like words but make adjectives, nouns and verb forms: no part of a
# compound ("duide-lijk", "prest-eren", "rich-ting").
SUFFIXES = word_set(
    "lijk lijke heid heden baar bare zaam zame achtig achtige eren eerde ering ting ling "
    "ming sing ring ding king deren"
)
# Prefixes of separable and derived verbs: a word starting with one is not split.
PARTICLES = ("mede", "mee", "onder", "over", "voor", "door", "terug", "binnen", "samen", "tegen")

# Common in almost any coaching text: they count for little.
WEAK = word_set(
    """
    werk werken tijd dag jaar maand keer week goed beter groot klein eerste
    work time day year month week good better big small first people mens mensen own
    """
)
