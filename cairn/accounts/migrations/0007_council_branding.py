"""A council's name, logo and contact on its papers and pages; on PostgreSQL, a logo once uploaded is refused any
change or deletion at the database itself (published rounds name it by id and SHA-256)."""

import django.db.models.deletion
from django.db import migrations, models

KEEP_LOGOS = """
CREATE OR REPLACE FUNCTION accounts_councillogo_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'council logo % cannot be changed or deleted: published papers name it', OLD.id;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_councillogo_kept
    BEFORE UPDATE OR DELETE ON accounts_councillogo
    FOR EACH ROW EXECUTE FUNCTION accounts_councillogo_refuse_change();
"""

LET_GO = """
DROP TRIGGER IF EXISTS accounts_councillogo_kept ON accounts_councillogo;
DROP FUNCTION IF EXISTS accounts_councillogo_refuse_change();
"""


def keep_logos(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(KEEP_LOGOS, params=None)  # RAISE uses %: no placeholders here


def let_go(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(LET_GO)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_public_statements'),
    ]

    operations = [
        migrations.AddField(
            model_name='organisation',
            name='contact_email',
            field=models.EmailField(blank=True, max_length=254, verbose_name='Contact e-mail'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='contact_name',
            field=models.CharField(blank=True, max_length=200, verbose_name="Contact officer's name"),
        ),
        migrations.AddField(
            model_name='organisation',
            name='contact_phone',
            field=models.CharField(blank=True, max_length=40, verbose_name='Contact telephone'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='contact_post',
            field=models.CharField(blank=True, max_length=200, verbose_name="Contact officer's post"),
        ),
        migrations.AddField(
            model_name='organisation',
            name='paper_name',
            field=models.CharField(blank=True, max_length=200, verbose_name='Name on papers and pages'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='statement_reviewed_on',
            field=models.DateField(blank=True, help_text='When the council last reviewed its accessibility statement.', null=True, verbose_name='Accessibility statement last reviewed'),
        ),
        migrations.CreateModel(
            name='CouncilLogo',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('image', models.BinaryField()),
                ('content_type', models.CharField(max_length=20)),
                ('width', models.PositiveIntegerField()),
                ('height', models.PositiveIntegerField()),
                ('sha256', models.CharField(max_length=64)),
                ('file_name', models.CharField(blank=True, max_length=200)),
                ('uploaded_at', models.DateTimeField(auto_now_add=True)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='logos', to='accounts.organisation')),
            ],
        ),
        migrations.AddField(
            model_name='organisation',
            name='logo',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.councillogo', verbose_name='Logo'),
        ),
        migrations.RunPython(keep_logos, let_go),
    ]
