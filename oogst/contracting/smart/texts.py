"""What the SMART check says, per language: the reason and suggestion per letter, and the
names of the five letters."""

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "S_ok": "Concreet genoeg: noemt {found}",
        "S_few": "Te weinig om op te sturen: {count} inhoudswoorden ({found})",
        "S_vague": "Vooral algemene woorden ({found}), geen concreet onderwerp",
        "S_fix": "Noem wat er precies verandert, bij wie en waar, bijvoorbeeld 'in het "
        "maandagoverleg laat ik mijn teamleden eerst aan het woord'",
        "M_ok": "Maat gevonden: {found}",
        "M_no": "Geen getal, bedrag, percentage, frequentie of indicator gevonden",
        "M_fix": "Noem hoe je het meet, bijvoorbeeld 'het verzuim daalt van 8% naar 5%' of "
        "'minstens twee keer per week'",
        "A_burden": "Legt de inspanning bij anderen: {found}",
        "A_own": "Eigen doel van de klant: {found}",
        "A_neutral": "Neutraal geformuleerd; het legt niets bij anderen",
        "A_fix_burden": "Formuleer wat de klant zelf doet of bereikt. ",
        "A_fix": "Klant, coach en opdrachtgever accepteren dit doel in het contract.",
        "R_activity": "Noemt een activiteit of richting ({found}), geen resultaat",
        "R_result": "Resultaat of eindtoestand genoemd: {found}",
        "R_state": "Beschrijft gedrag of een toestand, geen losse activiteit",
        "R_fix": "Beschrijf wat er na afloop anders is: wat kan, heeft of is de klant dan? "
        "Bijvoorbeeld 'na de cursus plan ik mijn week in één uur'",
        "T_ok": "Termijn gevonden: {found}",
        "T_no": "Geen datum, termijn of periode gevonden",
        "T_fix": "Noem een datum of termijn, bijvoorbeeld 'vóór 1 oktober 2026' of "
        "'binnen drie maanden'",
    },
    "en": {
        "S_ok": "Concrete enough: names {found}",
        "S_few": "Too little to go on: {count} content words ({found})",
        "S_vague": "Mostly general words ({found}), no concrete object",
        "S_fix": "Say what exactly changes, for whom and where, e.g. 'in the Monday meeting "
        "I let my team members speak first'",
        "M_ok": "Measure found: {found}",
        "M_no": "No number, amount, percentage, frequency or indicator found",
        "M_fix": "Say how it is measured, e.g. 'absence drops from 8% to 5%' or "
        "'at least twice a week'",
        "A_burden": "Puts the effort on others: {found}",
        "A_own": "The client's own goal: {found}",
        "A_neutral": "Neutrally phrased; it puts nothing on others",
        "A_fix_burden": "Phrase what the client does or achieves. ",
        "A_fix": "Client, coach and sponsor accept this goal in the contract.",
        "R_activity": "Names an activity or direction ({found}), not a result",
        "R_result": "Result or end state named: {found}",
        "R_state": "Describes behaviour or a state, not a mere activity",
        "R_fix": "Describe what is different afterwards: what can the client do, have or be? "
        "E.g. 'after the course I plan my week in one hour'",
        "T_ok": "Time frame found: {found}",
        "T_no": "No date, deadline or period found",
        "T_fix": "Name a date or period, e.g. 'by 1 October 2026' or 'within three months'",
    },
}
NAMES = {
    "nl": {
        "S": "Specifiek",
        "M": "Meetbaar",
        "A": "Acceptabel",
        "R": "Resultaatgericht",
        "T": "Tijdsgebonden",
    },
    "en": {
        "S": "Specific",
        "M": "Measurable",
        "A": "Acceptable",
        "R": "Result-oriented",
        "T": "Time-bound",
    },
}
