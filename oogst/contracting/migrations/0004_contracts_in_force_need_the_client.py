"""A contract is in force only once the client accepted it (and the coach, and the sponsor
if there is one). Before this rule, a contract that every party *present* had accepted
counted as in force, so the coach's acceptance alone sufficed while no client was there.

Nothing is stored as "in force": it is computed from the acceptances, so such contracts
return to "awaiting acceptance" by themselves. This migration lists them in its output,
so that the operator knows which engagements to look at. The rule is written out here
rather than imported, as a migration must keep working when the code moves on.
"""

from django.db import migrations


def in_force_without_the_client(apps):
    """(id, title, parties that accepted) of every contract the old rule held in force
    while the client had not accepted it."""
    Contract = apps.get_model("contracting", "Contract")
    Participation = apps.get_model("engagements", "Participation")
    found = []
    for contract in Contract.objects.select_related("engagement").order_by("engagement_id"):
        present = set(
            Participation.objects.filter(engagement_id=contract.engagement_id).values_list(
                "party", flat=True
            )
        )
        accepted = set(contract.acceptances.values_list("party", flat=True))
        was_in_force = bool(present) and present <= accepted
        if was_in_force and "client" not in accepted:
            engagement = contract.engagement
            found.append((engagement.pk, engagement.title, sorted(accepted)))
    return found


def report(apps, schema_editor):
    found = in_force_without_the_client(apps)
    if not found:
        print("\n  Every contract in force has the client's acceptance; nothing changes.")
        return
    print(
        f"\n  {len(found)} contract(s) counted as in force without the client's acceptance;"
        " they await acceptance again:"
    )
    for pk, title, accepted in found:
        print(f"  - engagement {pk} “{title}”: accepted by {', '.join(accepted) or 'nobody'}")


class Migration(migrations.Migration):
    dependencies = [
        ("contracting", "0003_partychange"),
        ("engagements", "0004_invitation_one_per_person"),
    ]

    operations = [migrations.RunPython(report, migrations.RunPython.noop, elidable=True)]
