"""Make "not decided yet" the general state of a result's sharing.

Until now a result the client had not shared was simply "not shared", whether she had
decided so or never been asked. Nobody can tell which any more, so every existing result
the client decides on (not the sponsor's own) that is not shared becomes "not decided
yet": the client is asked, and until she answers the sponsor reads it no more than before.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def mark_unshared_undecided(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Result = apps.get_model("results", "Result")
    Result.objects.filter(shared_with_sponsor=False).exclude(reported_by="sponsor").update(
        sharing_undecided=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0003_result_sharing_undecided"),
    ]

    operations = [
        migrations.RunPython(mark_unshared_undecided, migrations.RunPython.noop, elidable=True),
    ]
