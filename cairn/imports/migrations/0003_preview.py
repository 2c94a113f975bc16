from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("imports", "0002_destination")]

    operations = [
        migrations.AddField(
            model_name="importbatch",
            name="preview",
            field=models.JSONField(
                blank=True, default=dict,
                help_text="What importing would create, as last worked out, and the state of the council it was worked "
                "out against.",
            ),
        ),
    ]
