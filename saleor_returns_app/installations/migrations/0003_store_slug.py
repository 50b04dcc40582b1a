import re
import secrets

from django.db import migrations, models
from django.utils.text import slugify

import saleor_returns_app.installations.models


def name_existing_stores(apps, schema_editor):
    # Each store already installed gets a slug from its domain, unique among stores.
    Installation = apps.get_model("installations", "Installation")
    taken = set()
    for installation in Installation.objects.order_by("pk"):
        host = re.sub(r"^https?://", "", installation.domain or installation.saleor_api_url)
        base = (slugify(host.split("/")[0].split(":")[0].replace(".", "-")) or "store")[:60]
        slug = base
        while slug in taken:
            slug = f"{base}-{secrets.token_hex(3)}"
        taken.add(slug)
        installation.slug = slug
        installation.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("installations", "0002_storefront_origins"),
    ]

    operations = [
        migrations.AddField(
            model_name="installation",
            name="slug",
            field=models.SlugField(max_length=80, null=True, db_index=False),
        ),
        migrations.RunPython(name_existing_stores, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="installation",
            name="slug",
            field=models.SlugField(
                default=saleor_returns_app.installations.models.random_slug,
                max_length=80,
                unique=True,
            ),
        ),
    ]
