from django.db import migrations, models


def roles_from_flag(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    Organisation.objects.filter(require_two_factor_for_administrators=True).update(two_factor_roles=["administrator"])


def flag_from_roles(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    for organisation in Organisation.objects.all():
        organisation.require_two_factor_for_administrators = "administrator" in (organisation.two_factor_roles or [])
        organisation.save(update_fields=["require_two_factor_for_administrators"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_publish_unchecked"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="two_factor_roles",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(roles_from_flag, flag_from_roles),
        migrations.RemoveField(model_name="organisation", name="require_two_factor_for_administrators"),
        migrations.AddField(
            model_name="user",
            name="invited_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="user",
            name="invitation_accepted_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
