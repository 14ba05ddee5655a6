"""`oogst demo`: a ready-to-try installation with demo engagements, logins and a server.

Migrates the database, imports the demo engagements of `oogst.interchange.demo` (each
only once: an engagement with the same title is left alone), gives every demo party and
an operator account the demo password, prints the logins and starts the development
server. `--no-server` stops after preparing the data.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from oogst.engagements.models import Engagement
from oogst.interchange import demo
from oogst.interchange.services import InvalidDocument, engagement_import

DEFAULT_ADDRPORT = "127.0.0.1:8000"

# party -> (Dutch label, English label)
LABELS: dict[str, tuple[str, str]] = {
    "client": ("klant", "client"),
    "coach": ("coach", "coach"),
    "sponsor": ("opdrachtgever", "sponsor"),
}


class Command(BaseCommand):
    help = (
        "Prepare a demo: migrate, import the demo engagements, set demo passwords, "
        "print the logins and run the development server."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--addrport",
            default=DEFAULT_ADDRPORT,
            help=f"Address and port for the development server (default {DEFAULT_ADDRPORT}).",
        )
        parser.add_argument(
            "--no-server",
            action="store_true",
            dest="no_server",
            help="Only prepare the data and print the logins; do not start a server.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        documents = demo.documents()
        for document in documents:
            self._import(document)
        self._set_passwords(documents)
        self._print_logins(documents, options["addrport"])
        if not options["no_server"]:
            call_command("runserver", options["addrport"], use_reloader=False)

    def _import(self, document: dict[str, Any]) -> None:
        title = document["title"]
        if Engagement.objects.filter(title=title).exists():
            self.stdout.write(f"Already present: {title}")
            return
        try:
            engagement_import(document=document)
        except InvalidDocument as error:
            problems = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"The demo document {title!r} is invalid:\n{problems}") from error
        self.stdout.write(self.style.SUCCESS(f"Imported: {title}"))

    @transaction.atomic
    def _set_passwords(self, documents: list[dict[str, Any]]) -> None:
        user_model = get_user_model()
        emails = {
            person["email"].lower()
            for document in documents
            for person in document["parties"].values()
        }
        for user in user_model.objects.filter(email__in=emails):
            user.set_password(demo.PASSWORD)
            user.save(update_fields=["password"])
        operator = user_model.objects.filter(email=demo.OPERATOR_EMAIL).first()
        if operator is None:
            user_model.objects.create_superuser(
                demo.OPERATOR_EMAIL, demo.PASSWORD, name=demo.OPERATOR_NAME
            )
        else:
            operator.is_staff = operator.is_superuser = operator.is_active = True
            operator.set_password(demo.PASSWORD)
            operator.save()

    def _print_logins(self, documents: list[dict[str, Any]], addrport: str) -> None:
        host = addrport if ":" in addrport else f"127.0.0.1:{addrport}"
        write = self.stdout.write
        write("")
        write("=" * 78)
        write(f"Oogst demo: open http://{host}/ and log in with an e-mail address below.")
        write("=" * 78)
        for document in documents:
            write("")
            write(f"{document['title']} ({document['organisation']})")
            for party in ("client", "coach", "sponsor"):
                person = document["parties"].get(party)
                if person is None:
                    continue
                dutch, english = LABELS[party]
                write(
                    f"  {dutch + ' / ' + english:<24} {person['name']:<38} "
                    f"{person['email'].lower():<42} {demo.PASSWORD}"
                )
        write("")
        write(
            f"  {'beheer / operator':<24} {demo.OPERATOR_NAME:<38} "
            f"{demo.OPERATOR_EMAIL:<42} {demo.PASSWORD}"
        )
        write("")
        write(
            self.style.WARNING(
                f"Warning: {demo.PASSWORD!r} is a demo password, known to anyone who reads "
                "this. Use the demo only on your own machine, never with real data."
            )
        )
        write("=" * 78)
