"""Only coaches start engagements now: everyone who coaches some engagement gets the role."""

from django.db import migrations


def give_the_role(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    coaches = User.objects.filter(participations__party="coach").distinct()
    count = User.objects.filter(pk__in=coaches.values("pk")).update(is_coach=True)
    print(f"\n  {count} person(s) coach an engagement and now hold the coach role.")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_is_coach"),
        ("engagements", "0004_invitation_one_per_person"),
    ]

    operations = [migrations.RunPython(give_the_role, migrations.RunPython.noop, elidable=True)]
