"""Key contacts of every kind (West Mercia 2.5), with a job title, phone and email of their own,
the children they work with, and the date they stopped being involved."""

import re

from django.db import migrations, models

import safeguard.cases.reach

# Copied here, not imported, so the migration keeps its meaning whatever the app's code becomes.
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE = re.compile(r"\+?\d{7,15}")
EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x)\s*\d{1,6}$", re.IGNORECASE)


def split_contact_details(apps, schema_editor):
    """The one box "phone number or email address" becomes the phone or the email field when it is
    plainly one of them; anything else (two numbers, an extension and a note) stays as other details."""
    KeyContact = apps.get_model("cases", "KeyContact")
    for contact in KeyContact.objects.exclude(contact_details=""):
        text = re.sub(r"\s+", " ", contact.contact_details.replace("\u00a0", " ")).strip()
        digits = re.sub(r"[\s\-().]", "", EXTENSION.sub("", text))
        if EMAIL.fullmatch(text) and len(text) <= 254:
            contact.email, contact.contact_details = text, ""
        elif PHONE.fullmatch(digits) and len(text) <= 40:
            contact.phone, contact.contact_details = text, ""
        else:
            continue
        contact.save(update_fields=["phone", "email", "contact_details"])


def join_contact_details(apps, schema_editor):
    """Back to one box: the phone, else the email, where the box is empty."""
    KeyContact = apps.get_model("cases", "KeyContact")
    for contact in KeyContact.objects.filter(contact_details=""):
        contact.contact_details = (contact.phone or contact.email)[:150]
        contact.save(update_fields=["contact_details"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_order_offence"),
        ("people", "0005_marker_dates"),
    ]

    operations = [
        migrations.AddField(
            model_name="keycontact",
            name="children",
            field=models.ManyToManyField(blank=True, related_name="key_contacts", to="people.child"),
        ),
        migrations.AddField(
            model_name="keycontact",
            name="email",
            field=models.EmailField(
                blank=True,
                error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
                max_length=254,
                verbose_name="email address",
            ),
        ),
        migrations.AddField(
            model_name="keycontact",
            name="ended_on",
            field=models.DateField(blank=True, null=True, verbose_name="no longer involved from"),
        ),
        migrations.AddField(
            model_name="keycontact",
            name="phone",
            field=models.CharField(
                blank=True,
                error_messages={"invalid": "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"},
                max_length=40,
                validators=[safeguard.cases.reach.validate_phone],
                verbose_name="phone number",
            ),
        ),
        migrations.AddField(
            model_name="keycontact",
            name="role",
            field=models.CharField(blank=True, max_length=150, verbose_name="job title"),
        ),
        migrations.AlterField(
            model_name="keycontact",
            name="contact_details",
            field=models.CharField(blank=True, max_length=150, verbose_name="other contact details"),
        ),
        migrations.AlterField(
            model_name="keycontact",
            name="kind",
            field=models.CharField(
                choices=[
                    ("social_worker", "Social worker"),
                    ("team_manager", "Team manager (children’s services)"),
                    ("health_visitor", "Health visitor"),
                    ("school_dsl", "School (designated safeguarding lead)"),
                    ("health", "GP or health"),
                    ("police", "Police officer"),
                    ("prison_cp_coordinator", "Prison child-protection co-ordinator"),
                    ("probation", "Other probation unit or team"),
                    ("yot", "Youth offending team"),
                    ("housing", "Housing"),
                    ("other", "Other agency"),
                ],
                max_length=30,
            ),
        ),
        migrations.AlterField(
            model_name="keycontact",
            name="organisation",
            field=models.CharField(max_length=150),
        ),
        migrations.RunPython(split_contact_details, join_contact_details),
    ]
