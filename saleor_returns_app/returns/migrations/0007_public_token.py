import secrets

from django.db import migrations, models

import saleor_returns_app.returns.models


def give_tokens(apps, schema_editor):
    # One unguessable token per existing return, written in batches.
    ReturnRequest = apps.get_model("returns", "ReturnRequest")
    batch = []
    for return_request in ReturnRequest.objects.only("pk").iterator(chunk_size=2000):
        return_request.public_token = secrets.token_urlsafe(24)
        batch.append(return_request)
        if len(batch) == 2000:
            ReturnRequest.objects.bulk_update(batch, ["public_token"])
            batch = []
    ReturnRequest.objects.bulk_update(batch, ["public_token"])


class Migration(migrations.Migration):
    dependencies = [
        ("returns", "0006_line_product_and_indexes"),
    ]

    operations = [
        migrations.AlterModelOptions(name="returnline", options={"ordering": ["id"]}),
        migrations.AddField(
            model_name="returnrequest",
            name="public_token",
            field=models.CharField(max_length=64, null=True),
        ),
        migrations.RunPython(give_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="returnrequest",
            name="public_token",
            field=models.CharField(
                default=saleor_returns_app.returns.models.new_public_token,
                max_length=64,
                unique=True,
            ),
        ),
    ]
