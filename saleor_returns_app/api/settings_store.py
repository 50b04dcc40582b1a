"""Settings of the store (Dashboard): the reason catalogue and the store's settings (origins,
branding, notification switches, stage SLAs).

Reads need MANAGE_ORDERS, writes MANAGE_APPS (as the Dashboard asks for app configuration).
Thin: turn the input into the service's, call it, map its field errors to `errors`.
"""

from __future__ import annotations

from typing import Any

import graphene

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.errors import ReturnError, errors_field, field_errors, payload_error
from saleor_returns_app.api.fields import enum_value
from saleor_returns_app.api.ids import global_id
from saleor_returns_app.api.returnability import ReturnReasonFamily
from saleor_returns_app.api.staff_mutations import settings_context, staff_context
from saleor_returns_app.api.types import ReturnRequestStatus
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.catalogue import (
    ReasonEntry,
    catalogue,
    reason_use_counts,
    save_reasons,
)
from saleor_returns_app.returns.models import ReturnReason, StoreSettings
from saleor_returns_app.returns.store_settings import (
    NotificationEvent,
    StoreSettingsInput,
    notification_enabled,
    save_store_settings,
    settings_of,
    sla_hours,
)

NotificationEventEnum = graphene.Enum(
    "NotificationEvent",
    [(event.value, event.value) for event in NotificationEvent],
    description="An e-mail the app sends: to the shopper, or STAFF_NEEDS_REVIEW to the store.",
)


# --- reasons --------------------------------------------------------------------------------


class ReasonLabel(graphene.ObjectType):
    language = graphene.String(required=True, description="E.g. `ro`, `pt-BR`.")
    label = graphene.String(required=True)


class ReturnReasonEntry(graphene.ObjectType):
    """A reason of the store's catalogue as staff edit it, with every label."""

    id = graphene.ID(description="Null for a default reason of a store that never saved any.")
    code = graphene.String(required=True)
    family = graphene.Field(ReturnReasonFamily, required=True)
    requires_photo = graphene.Boolean(required=True)
    requires_comment = graphene.Boolean(required=True)
    labels = graphene.NonNull(graphene.List(graphene.NonNull(ReasonLabel)))
    position = graphene.Int(required=True)
    is_active = graphene.Boolean(required=True)
    return_count = graphene.Int(required=True, description="Return lines giving this reason.")

    @staticmethod
    def resolve_id(reason: ReturnReason, _info: GraphQLResolveInfo) -> str | None:
        return global_id("ReturnReason", reason.pk) if reason.pk else None

    @staticmethod
    def resolve_labels(reason: ReturnReason, _info: GraphQLResolveInfo) -> list[ReasonLabel]:
        # English first: the label every other language falls back to.
        languages = sorted(reason.labels, key=lambda language: (language != "en", language))
        return [ReasonLabel(language=lang, label=reason.labels[lang]) for lang in languages]

    @staticmethod
    def resolve_return_count(reason: ReturnReason, _info: GraphQLResolveInfo) -> int:
        return reason.return_count


def _counted(installation: Installation, reasons: list[ReturnReason]) -> list[ReturnReason]:
    """`reasons` with `return_count` set, from one query for the whole catalogue."""
    counts = reason_use_counts(installation=installation)
    for reason in reasons:
        reason.return_count = counts.get(reason.code, 0)
    return reasons


class ReasonLabelInput(graphene.InputObjectType):
    language = graphene.String(required=True)
    label = graphene.String(required=True, description="Empty: no label in this language.")


class ReturnReasonInput(graphene.InputObjectType):
    code = graphene.String(required=True)
    family = ReturnReasonFamily(required=True)
    requires_photo = graphene.Boolean()
    requires_comment = graphene.Boolean()
    labels = graphene.List(graphene.NonNull(ReasonLabelInput), required=True)
    is_active = graphene.Boolean(description="Default: true.")


def _reason_entry(data: dict[str, Any]) -> ReasonEntry:
    return ReasonEntry(
        code=data["code"],
        family=enum_value(data["family"]),
        requires_photo=bool(data.get("requires_photo")),
        requires_comment=bool(data.get("requires_comment")),
        labels={item["language"]: item["label"] for item in data["labels"]},
        is_active=data.get("is_active") is not False,
    )


def _duplicate_languages(reasons: list[dict[str, Any]]) -> list[ReturnError]:
    errors = []
    for index, reason in enumerate(reasons):
        languages = [item["language"].strip().lower() for item in reason["labels"]]
        if len(languages) != len(set(languages)):
            errors.append(
                payload_error("INVALID", "Give each language one label.", f"reasons.{index}.labels")
            )
    return errors


class ReturnReasonsSet(graphene.Mutation):
    """Replace the store's reason catalogue with `reasons`, in the order shoppers see them.

    Reasons left out are deactivated, not deleted: existing returns keep naming them.
    """

    reasons = graphene.List(graphene.NonNull(ReturnReasonEntry))
    errors = errors_field()

    class Arguments:
        reasons = graphene.List(graphene.NonNull(ReturnReasonInput), required=True)

    @classmethod
    def mutate(
        cls, _root: None, info: GraphQLResolveInfo, reasons: list[dict[str, Any]]
    ) -> ReturnReasonsSet:
        context = settings_context(info)
        errors = _duplicate_languages(reasons)
        if errors:
            return cls(errors=errors)
        saved, refusals = save_reasons(
            context.installation, [_reason_entry(reason) for reason in reasons]
        )
        if refusals:
            return cls(errors=field_errors(refusals))
        return cls(reasons=_counted(context.installation, saved), errors=[])


# --- store settings -------------------------------------------------------------------------


class NotificationSetting(graphene.ObjectType):
    event = graphene.Field(NotificationEventEnum, required=True)
    enabled = graphene.Boolean(required=True)


class StageSla(graphene.ObjectType):
    status = graphene.Field(ReturnRequestStatus, required=True)
    hours = graphene.Int(required=True, description="0: no limit.")


class StoreSettingsType(graphene.ObjectType):
    storefront_origins = graphene.NonNull(
        graphene.List(graphene.NonNull(graphene.String)),
        description="Origins of the store's storefronts, allowed to call the API (CORS).",
    )
    brand_name = graphene.String(required=True)
    brand_logo_url = graphene.String(required=True)
    brand_color = graphene.String(required=True, description="#RRGGBB")
    support_email = graphene.String(required=True)
    staff_notification_email = graphene.String(required=True)
    notifications = graphene.NonNull(graphene.List(graphene.NonNull(NotificationSetting)))
    sla_hours = graphene.NonNull(
        graphene.List(graphene.NonNull(StageSla)),
        description="How long a return may wait in each stage before the inbox flags it.",
    )

    class Meta:
        name = "StoreSettings"

    @staticmethod
    def resolve_storefront_origins(settings: StoreSettings, _info: GraphQLResolveInfo) -> list:
        return list(settings.installation.storefront_origins or [])

    @staticmethod
    def resolve_notifications(
        settings: StoreSettings, _info: GraphQLResolveInfo
    ) -> list[NotificationSetting]:
        return [
            NotificationSetting(event=event.value, enabled=notification_enabled(settings, event))
            for event in NotificationEvent
        ]

    @staticmethod
    def resolve_sla_hours(settings: StoreSettings, _info: GraphQLResolveInfo) -> list[StageSla]:
        return [
            StageSla(status=stage.value, hours=hours)
            for stage, hours in sla_hours(settings).items()
        ]


class NotificationSettingInput(graphene.InputObjectType):
    event = NotificationEventEnum(required=True)
    enabled = graphene.Boolean(required=True)


class StageSlaInput(graphene.InputObjectType):
    status = ReturnRequestStatus(required=True)
    hours = graphene.Int(required=True, description="0: no limit; at most 8760.")


class StoreSettingsInputType(graphene.InputObjectType):
    """Omitted fields keep their saved values; `notifications` and `slaHours` change only the
    events and stages listed; `storefrontOrigins` replaces the list."""

    storefront_origins = graphene.List(graphene.NonNull(graphene.String))
    brand_name = graphene.String()
    brand_logo_url = graphene.String(description="https only; empty for none.")
    brand_color = graphene.String(description="#RRGGBB")
    support_email = graphene.String()
    staff_notification_email = graphene.String()
    notifications = graphene.List(graphene.NonNull(NotificationSettingInput))
    sla_hours = graphene.List(graphene.NonNull(StageSlaInput))

    class Meta:
        name = "StoreSettingsInput"


def _store_settings_input(data: dict[str, Any]) -> StoreSettingsInput:
    notifications = data.get("notifications")
    hours = data.get("sla_hours")
    return StoreSettingsInput(
        storefront_origins=data.get("storefront_origins"),
        brand_name=data.get("brand_name"),
        brand_logo_url=data.get("brand_logo_url"),
        brand_color=data.get("brand_color"),
        support_email=data.get("support_email"),
        staff_notification_email=data.get("staff_notification_email"),
        notifications=(
            {enum_value(item["event"]): item["enabled"] for item in notifications}
            if notifications is not None
            else None
        ),
        sla_hours=(
            None if hours is None else {enum_value(item["status"]): item["hours"] for item in hours}
        ),
    )


class StoreSettingsUpdate(graphene.Mutation):
    """Change the store's settings; takes effect at once (CORS included)."""

    store_settings = graphene.Field(StoreSettingsType)
    errors = errors_field()

    class Arguments:
        input = StoreSettingsInputType(required=True)

    @classmethod
    def mutate(
        cls, _root: None, info: GraphQLResolveInfo, input: dict[str, Any]
    ) -> StoreSettingsUpdate:
        context = settings_context(info)
        saved, errors = save_store_settings(context.installation, _store_settings_input(input))
        if errors:
            return cls(errors=field_errors(errors))
        return cls(store_settings=saved, errors=[])


class StoreSettingsQuery(graphene.ObjectType):
    return_reason_catalogue = graphene.NonNull(
        graphene.List(graphene.NonNull(ReturnReasonEntry)),
        description="Staff only: every reason of the store, inactive ones too, in order.",
    )
    store_settings = graphene.Field(
        graphene.NonNull(StoreSettingsType),
        description="Staff only: the store's settings (the defaults until first saved).",
    )

    @staticmethod
    def resolve_return_reason_catalogue(
        _root: None, info: GraphQLResolveInfo
    ) -> list[ReturnReason]:
        context = staff_context(info)
        return _counted(context.installation, catalogue(installation=context.installation))

    @staticmethod
    def resolve_store_settings(_root: None, info: GraphQLResolveInfo) -> StoreSettings:
        context = staff_context(info)
        return settings_of(context.installation)


class StoreSettingsMutations(graphene.ObjectType):
    return_reasons_set = ReturnReasonsSet.Field()
    store_settings_update = StoreSettingsUpdate.Field()
