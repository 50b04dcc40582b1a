"""In-memory data of the fake Saleor instance, with helpers to arrange test scenarios.

Every record is a dict keyed by GraphQL field names (camelCase) and tagged with
``__typename``; keys starting with ``_`` are internal (primary keys, secrets). Related
records are shared references, so a change made through one path is seen by all.
All public methods take ``self.lock`` (re-entrant), because the HTTP server threads read
and write the same store while the test thread arranges data.
"""

from __future__ import annotations

import secrets
import string
import threading
import uuid
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from .ids import to_global_id
from .records import (
    Amount,
    Record,
    address,
    amount_of,
    country,
    metadata_items,
    money,
    now_iso,
    taxed_money,
    to_decimal,
)
from .store_payments import PaymentsMixin
from .store_returns import ReturnsMixin

# oauthlib.common.generate_token(), which Saleor uses for app tokens: 30 ASCII letters
# and digits. Saleor only treats a 30-character bearer value as an app token.
APP_TOKEN_LENGTH = 30
_TOKEN_ALPHABET = string.ascii_letters + string.digits

_ORDER_STATUS_DISPLAY = {
    "DRAFT": "Draft",
    "UNCONFIRMED": "Unconfirmed",
    "UNFULFILLED": "Unfulfilled",
    "PARTIALLY_FULFILLED": "Partially fulfilled",
    "PARTIALLY_RETURNED": "Partially returned",
    "RETURNED": "Returned",
    "FULFILLED": "Fulfilled",
    "CANCELED": "Canceled",
    "EXPIRED": "Expired",
}


def generate_app_token() -> str:
    """A random app token in Saleor's format."""
    return "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(APP_TOKEN_LENGTH))


def _slugify(value: str) -> str:
    kept = "".join(char if char.isalnum() else "-" for char in value.lower())
    return "-".join(part for part in kept.split("-") if part)


class Store(ReturnsMixin, PaymentsMixin):
    """Channels, catalogue, customers, orders, apps and webhooks of one fake Saleor."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.clear()

    def clear(self) -> None:
        """Forget every record (a fresh instance), keeping the same store object."""
        with self.lock:
            self._reset_collections()

    def _reset_collections(self) -> None:
        self.channels: dict[str, Record] = {}
        self.warehouses: dict[str, Record] = {}
        self.products: dict[str, Record] = {}
        self.variants: dict[str, Record] = {}
        self.users: dict[str, Record] = {}
        self.orders: dict[str, Record] = {}
        self.apps: dict[str, Record] = {}
        self.webhooks: dict[str, Record] = {}
        self._app_tokens: dict[str, str] = {}
        self._named: dict[tuple[str, str], Record] = {}
        self._sequences: dict[str, int] = {}
        self.gift_cards: dict[str, Record] = {}
        # TRANSACTION_REFUND_REQUESTED calls "sent" to payment apps, oldest first.
        self.refund_requests: list[Record] = []

    # -- helpers ---------------------------------------------------------------------

    def next_pk(self, sequence: str) -> int:
        """Next integer primary key of ``sequence`` (Saleor uses serial ids)."""
        with self.lock:
            value = self._sequences.get(sequence, 0) + 1
            self._sequences[sequence] = value
            return value

    def _new_record(self, typename: str, pk: object, **fields: Any) -> Record:
        return Record(__typename=typename, id=to_global_id(typename, pk), _pk=pk, **fields)

    def _named_record(self, typename: str, name: str, **fields: Any) -> Record:
        # Product types, categories and collections are shared by name.
        key = (typename, name)
        if key not in self._named:
            self._named[key] = self._new_record(
                typename,
                self.next_pk(typename),
                name=name,
                slug=_slugify(name),
                metadata=[],
                privateMetadata=[],
                **fields,
            )
        return self._named[key]

    # -- channels and catalogue -------------------------------------------------------

    def add_channel(
        self, slug: str = "default-channel", currency: str = "PLN", country: str = "PL"
    ) -> Record:
        """Create (or return the existing) channel ``slug``."""
        with self.lock:
            if slug in self.channels:
                return self.channels[slug]
            channel = self._new_record(
                "Channel",
                self.next_pk("Channel"),
                slug=slug,
                name=slug.replace("-", " ").title(),
                isActive=True,
                currencyCode=currency,
                defaultCountry=_country(country),
                countries=[_country(country)],
                hasOrders=False,
                warehouses=[],
                metadata=[],
                privateMetadata=[],
            )
            self.channels[slug] = channel
            return channel

    def default_channel(self) -> Record:
        """The first channel, created on demand so small tests need no setup."""
        with self.lock:
            if not self.channels:
                return self.add_channel()
            return next(iter(self.channels.values()))

    def add_warehouse(
        self,
        name: str,
        *,
        slug: str | None = None,
        email: str = "",
        country: str = "PL",
        city: str = "Warszawa",
        channels: Sequence[Record] | None = None,
    ) -> Record:
        """Create a warehouse (UUID primary key, as in Saleor) linked to ``channels``."""
        with self.lock:
            pk = str(uuid.uuid4())
            warehouse = self._new_record(
                "Warehouse",
                pk,
                name=name,
                slug=slug or _slugify(name),
                email=email,
                isPrivate=True,
                companyName=name,
                address=address(company_name=name, city=city, country_code=country),
                clickAndCollectOption="DISABLED",
                externalReference=None,
                metadata=[],
                privateMetadata=[],
                _stocks=[],
            )
            self.warehouses[warehouse["id"]] = warehouse
            for channel in channels if channels is not None else self.channels.values():
                channel["warehouses"].append(warehouse)
            return warehouse

    def add_product(
        self,
        name: str,
        *,
        variants: Sequence[Mapping[str, Any]],
        product_type: str = "Shirt",
        category: str = "Apparel",
        collections: Iterable[str] = (),
        metadata: Mapping[str, str] | None = None,
        thumbnail_url: str | None = None,
    ) -> Record:
        """Create a product with variants given as ``{"sku", "name", "price"}`` mappings.

        Each variant is listed in every existing channel at ``price`` (in the channel's
        currency); the variants are also reachable via ``product["variants"]``. A variant
        spec may carry ``metadata`` and ``weight_kg``; product type, category and collections
        are shared by name (their slug is the slugified name). Order lines show
        ``thumbnail_url``.
        """
        with self.lock:
            created = now_iso()
            product = self._new_record(
                "Product",
                self.next_pk("Product"),
                name=name,
                slug=_slugify(name),
                description=None,
                seoTitle=None,
                seoDescription=None,
                productType=self._named_record(
                    "ProductType",
                    product_type,
                    kind="NORMAL",
                    hasVariants=True,
                    isShippingRequired=True,
                    isDigital=False,
                ),
                category=self._named_record("Category", category, level=0, description=None),
                collections=[self._named_record("Collection", item) for item in collections],
                created=created,
                updatedAt=created,
                metadata=metadata_items(metadata),
                privateMetadata=[],
                thumbnail=(
                    Record(__typename="Image", url=thumbnail_url, alt=name)
                    if thumbnail_url
                    else None
                ),
                variants=[],
            )
            for spec in variants:
                product["variants"].append(self._add_variant(product, spec, created))
            self.products[product["id"]] = product
            return product

    def _add_variant(self, product: Record, spec: Mapping[str, Any], created: str) -> Record:
        price = to_decimal(spec.get("price", 0))
        variant = self._new_record(
            "ProductVariant",
            self.next_pk("ProductVariant"),
            name=spec.get("name", ""),
            sku=spec.get("sku"),
            product=product,
            trackInventory=True,
            quantityLimitPerCustomer=None,
            channelListings=[
                Record(
                    __typename="ProductVariantChannelListing",
                    id=to_global_id("ProductVariantChannelListing", self.next_pk("Listing")),
                    channel=channel,
                    price=money(price, channel["currencyCode"]),
                    costPrice=None,
                    preorderThreshold=None,
                )
                for channel in self.channels.values()
            ],
            attributes=[],
            created=created,
            updatedAt=created,
            externalReference=None,
            weight=(
                Record(__typename="Weight", unit="KG", value=float(spec["weight_kg"]))
                if spec.get("weight_kg") is not None
                else None
            ),
            metadata=metadata_items(spec.get("metadata")),
            privateMetadata=[],
            stocks=[],
            _price=price,
        )
        self.variants[variant["id"]] = variant
        return variant

    def variant_by_sku(self, sku: str) -> Record:
        """The variant with ``sku``; ``KeyError`` if there is none."""
        with self.lock:
            for variant in self.variants.values():
                if variant["sku"] == sku:
                    return variant
        raise KeyError(sku)

    def stock_of(self, variant: Record, warehouse: Record) -> int | None:
        """On-hand quantity of ``variant`` in ``warehouse``; ``None`` without a stock."""
        with self.lock:
            for stock in variant["stocks"]:
                if stock["warehouse"] is warehouse:
                    return int(stock["quantity"])
        return None

    def set_stock(self, variant: Record, warehouse: Record, quantity: int) -> Record:
        """Set the on-hand quantity of ``variant`` in ``warehouse`` (creating the stock)."""
        with self.lock:
            for stock in variant["stocks"]:
                if stock["warehouse"] is warehouse:
                    stock["quantity"] = quantity
                    return stock
            stock = self._new_record(
                "Stock",
                self.next_pk("Stock"),
                warehouse=warehouse,
                productVariant=variant,
                quantity=quantity,
                quantityAllocated=0,
                quantityReserved=0,
            )
            variant["stocks"].append(stock)
            warehouse["_stocks"].append(stock)
            return stock

    # -- users -------------------------------------------------------------------------

    def add_customer(self, email: str, first_name: str = "", last_name: str = "") -> Record:
        """Create (or return) the customer account ``email``."""
        return self.ensure_user(email, first_name=first_name, last_name=last_name)

    def ensure_user(
        self,
        email: str,
        *,
        first_name: str = "",
        last_name: str = "",
        is_staff: bool = False,
        permissions: Iterable[str] = (),
    ) -> Record:
        """The active user ``email``, created if missing; staff flags only ever widen."""
        with self.lock:
            user = self.user_by_email(email)
            if user is None:
                joined = now_iso()
                user = self._new_record(
                    "User",
                    self.next_pk("User"),
                    email=email,
                    firstName=first_name,
                    lastName=last_name,
                    isStaff=is_staff,
                    isActive=True,
                    isConfirmed=True,
                    addresses=[],
                    languageCode="EN",
                    dateJoined=joined,
                    updatedAt=joined,
                    lastLogin=None,
                    note=None,
                    externalReference=None,
                    restrictedAccessToChannels=False,
                    defaultShippingAddress=None,
                    defaultBillingAddress=None,
                    metadata=[],
                    privateMetadata=[],
                    # Saleor puts this key in every JWT and rejects tokens whose key no
                    # longer matches (logout everywhere / password change).
                    _jwt_token_key=secrets.token_urlsafe(9),
                    _permissions=set(),
                )
                self.users[user["id"]] = user
            user["isStaff"] = user["isStaff"] or is_staff
            user["_permissions"].update(permissions)
            return user

    def user_by_email(self, email: str) -> Record | None:
        """The user with ``email`` (case-insensitive), or ``None``."""
        with self.lock:
            wanted = email.lower()
            for user in self.users.values():
                if user["email"].lower() == wanted:
                    return user
        return None

    def invalidate_user_tokens(self, user: Record) -> None:
        """Make every JWT issued so far for ``user`` invalid, as a password change does."""
        with self.lock:
            user["_jwt_token_key"] = secrets.token_urlsafe(9)

    # -- orders ------------------------------------------------------------------------

    def add_order(
        self,
        *,
        channel: Record | None = None,
        lines: Sequence[tuple[Record, int] | tuple[Record, int, Amount]],
        user_email: str | None = None,
        customer: Record | None = None,
        shipping_address: Mapping[str, Any] | None = None,
        billing_address: Mapping[str, Any] | None = None,
        status: str = "UNFULFILLED",
        shipping_price: Amount = 0,
        metadata: Mapping[str, str] | None = None,
    ) -> Record:
        """Create a placed order for ``lines`` of ``(variant, quantity)``.

        A line may be ``(variant, quantity, unit_price)``: a discounted line sold at
        ``unit_price`` gross, with the variant's price as its undiscounted unit price.

        ``user_email`` defaults to the customer's email. Addresses may be records from
        ``records.address`` or keyword mappings for it (``city=..., postal_code=...``).
        """
        with self.lock:
            channel = channel or self.default_channel()
            currency = channel["currencyCode"]
            email = user_email or (customer["email"] if customer else None)
            pk = str(uuid.uuid4())
            created = now_iso()
            order_lines = [self._order_line(currency, *line) for line in lines]
            subtotal = sum((amount_of(line["totalPrice"]) for line in order_lines), Decimal(0))
            shipping = to_decimal(shipping_price)
            total = subtotal + shipping
            shipping_record = _as_address(shipping_address)
            number = str(self.next_pk("OrderNumber"))
            order = self._new_record(
                "Order",
                pk,
                number=number,
                token=pk,
                created=created,
                updatedAt=created,
                status=status,
                statusDisplay=_ORDER_STATUS_DISPLAY.get(status, status.title()),
                origin="CHECKOUT",
                original=None,
                user=customer,
                userEmail=email,
                channel=channel,
                lines=order_lines,
                fulfillments=[],
                transactions=[],
                payments=[],
                events=[],
                invoices=[],
                giftCards=[],
                discounts=[],
                grantedRefunds=[],
                errors=[],
                actions=[],
                shippingMethods=[],
                availableCollectionPoints=[],
                shippingAddress=shipping_record,
                billingAddress=_as_address(billing_address) or shipping_record,
                shippingMethodName=None,
                collectionPointName=None,
                deliveryMethod=None,
                isShippingRequired=True,
                customerNote="",
                trackingClientId="",
                redirectUrl=None,
                externalReference=None,
                checkoutId=None,
                languageCode="en",
                languageCodeEnum="EN",
                displayGrossPrices=True,
                taxExemption=False,
                canFinalize=True,
                shippingTaxRate=0.0,
                weight=Record(__typename="Weight", unit="KG", value=0.0),
                subtotal=taxed_money(subtotal, currency),
                total=taxed_money(total, currency),
                undiscountedTotal=taxed_money(total, currency),
                shippingPrice=taxed_money(shipping, currency),
                undiscountedShippingPrice=money(shipping, currency),
                metadata=metadata_items(metadata),
                privateMetadata=[],
                shippingTaxClassMetadata=[],
                shippingTaxClassPrivateMetadata=[],
                voucher=None,
                voucherCode=None,
            )
            self._refresh_payment_totals(order)
            channel["hasOrders"] = True
            self.orders[order["id"]] = order
            self.add_order_event(order, "PLACED")
            return order

    def _order_line(
        self, currency: str, variant: Record, quantity: int, unit_price: Amount | None = None
    ) -> Record:
        undiscounted = variant["_price"]
        unit = undiscounted if unit_price is None else to_decimal(unit_price)
        product = variant["product"]
        return self._new_record(
            "OrderLine",
            str(uuid.uuid4()),
            productName=product["name"],
            variantName=variant["name"],
            translatedProductName=product["name"],
            translatedVariantName=variant["name"],
            productSku=variant["sku"],
            productVariantId=variant["id"],
            variant=variant,
            quantity=quantity,
            quantityFulfilled=0,
            quantityToFulfill=quantity,
            isShippingRequired=True,
            isGift=False,
            isPriceOverridden=False,
            taxRate=0.0,
            unitPrice=taxed_money(unit, currency),
            undiscountedUnitPrice=taxed_money(undiscounted, currency),
            totalPrice=taxed_money(unit * quantity, currency),
            undiscountedTotalPrice=taxed_money(undiscounted * quantity, currency),
            unitDiscount=money(undiscounted - unit, currency),
            unitDiscountValue=float(undiscounted - unit),
            unitDiscountReason=None,
            unitDiscountType="FIXED" if unit != undiscounted else None,
            thumbnail=product.get("thumbnail"),
            allocations=[],
            discounts=[],
            metadata=[],
            privateMetadata=[],
            taxClassMetadata=[],
            taxClassPrivateMetadata=[],
        )

    def _refresh_payment_totals(self, order: Record) -> None:
        # Transactions API totals: charged is the sum of the order's transactions.
        currency = order["channel"]["currencyCode"]
        total = amount_of(order["total"])
        charged = sum(
            (amount_of(item["chargedAmount"]) for item in order["transactions"]), Decimal(0)
        )
        refunded = sum(
            (amount_of(item["refundedAmount"]) for item in order["transactions"]), Decimal(0)
        )
        if charged <= 0:
            charge_status = "NONE"
        elif charged < total:
            charge_status = "PARTIAL"
        elif charged == total:
            charge_status = "FULL"
        else:
            charge_status = "OVERCHARGED"
        granted = sum((amount_of(item["amount"]) for item in order["grantedRefunds"]), Decimal(0))
        refund_pending = sum(
            (amount_of(item["refundPendingAmount"]) for item in order["transactions"]),
            Decimal(0),
        )
        order.update(
            totalCharged=money(charged, currency),
            totalAuthorized=money(0, currency),
            totalCanceled=money(0, currency),
            totalRefunded=money(refunded, currency),
            totalBalance=money(charged - total, currency),
            totalGrantedRefund=money(granted, currency),
            totalRemainingGrant=money(max(granted - refunded - refund_pending, 0), currency),
            totalRefundPending=money(refund_pending, currency),
            totalAuthorizePending=money(0, currency),
            totalChargePending=money(0, currency),
            totalCancelPending=money(0, currency),
            chargeStatus=charge_status,
            authorizeStatus="FULL" if charged >= total else "NONE",
            isPaid=charged >= total > 0,
            paymentStatus="NOT_CHARGED",
            paymentStatusDisplay="Not charged",
        )

    def add_transaction(
        self,
        order: Record,
        amount: Amount,
        *,
        name: str = "Credit card",
        psp_reference: str | None = None,
        app: Record | None = None,
    ) -> Record:
        """Record a charged ``TransactionItem`` on ``order`` and update its totals.

        ``app`` is the payment app owning the transaction (see ``add_payment_app``);
        Saleor asks that app to carry out refunds, so without one (or when the app does
        not subscribe to TRANSACTION_REFUND_REQUESTED) refund requests fail.
        """
        with self.lock:
            currency = order["channel"]["currencyCode"]
            token = str(uuid.uuid4())
            created = now_iso()
            transaction = self._new_record(
                "TransactionItem",
                token,
                token=token,
                name=name,
                message="",
                pspReference=psp_reference or f"psp-{token[:8]}",
                createdAt=created,
                modifiedAt=created,
                actions=["REFUND"],
                chargedAmount=money(amount, currency),
                authorizedAmount=money(0, currency),
                authorizePendingAmount=money(0, currency),
                refundedAmount=money(0, currency),
                refundPendingAmount=money(0, currency),
                canceledAmount=money(0, currency),
                cancelPendingAmount=money(0, currency),
                chargePendingAmount=money(0, currency),
                order=order,
                checkout=None,
                events=[],
                createdBy=None,
                externalUrl="",
                paymentMethodDetails=None,
                reason=None,
                reasonReference=None,
                metadata=[],
                privateMetadata=[],
                _app=app,
            )
            order["transactions"].append(transaction)
            self._refresh_payment_totals(order)
            return transaction

    def add_order_event(
        self,
        order: Record,
        event_type: str,
        *,
        message: str | None = None,
        user: Record | None = None,
        app: Record | None = None,
        fulfilled_items: Sequence[Record] | None = None,
    ) -> Record:
        """Append an ``OrderEvent`` (``NOTE_ADDED``, ``PLACED``...) to the order history."""
        with self.lock:
            event = self._new_record(
                "OrderEvent",
                self.next_pk("OrderEvent"),
                date=now_iso(),
                type=event_type,
                user=user,
                app=app,
                message=message,
                email=None,
                emailType=None,
                amount=None,
                quantity=None,
                composedId=None,
                orderNumber=order["number"],
                lines=None,
                fulfilledItems=list(fulfilled_items) if fulfilled_items is not None else None,
                warehouse=None,
                relatedOrder=None,
                related=None,
                discount=None,
                reference=None,
            )
            order["events"].append(event)
            return event

    def add_note(
        self, order: Record, message: str, *, user: Record | None = None, app: Record | None = None
    ) -> Record:
        """Add a staff/app note to the order history, as ``orderNoteAdd`` does."""
        with self.lock:
            order["updatedAt"] = now_iso()
            return self.add_order_event(order, "NOTE_ADDED", message=message, user=user, app=app)

    def order_by_number(self, number: str | int) -> Record:
        """The order with ``number``; ``KeyError`` if there is none."""
        with self.lock:
            for order in self.orders.values():
                if order["number"] == str(number):
                    return order
        raise KeyError(number)

    def fulfill(
        self,
        order: Record,
        lines: Sequence[tuple[Record, int]] | None = None,
        tracking_number: str = "",
        warehouse: Record | None = None,
    ) -> Record:
        """Create a FULFILLED fulfilment of ``(order_line, quantity)`` pairs.

        Without ``lines`` every unfulfilled quantity is fulfilled. Updates the lines'
        fulfilled quantities, the order status and history, and the warehouse stock.
        Webhooks are not sent here; ``SaleorDouble.fulfill`` does that.
        """
        with self.lock:
            if lines is None:
                lines = [(line, line["quantityToFulfill"]) for line in order["lines"]]
                lines = [(line, quantity) for line, quantity in lines if quantity > 0]
            if not lines:
                raise ValueError("Nothing to fulfil in this order.")
            fulfillment_pk = self.next_pk("Fulfillment")
            fulfillment_lines = []
            for line, quantity in lines:
                if line not in order["lines"]:
                    raise ValueError(f"Line {line['id']} does not belong to this order.")
                if quantity <= 0 or quantity > line["quantityToFulfill"]:
                    raise ValueError(
                        f"Only {line['quantityToFulfill']} of {line['productSku']} can be "
                        f"fulfilled, not {quantity}."
                    )
                line["quantityFulfilled"] += quantity
                line["quantityToFulfill"] -= quantity
                self._take_stock(line, quantity, warehouse)
                fulfillment_lines.append(
                    self._new_record(
                        "FulfillmentLine",
                        self.next_pk("FulfillmentLine"),
                        quantity=quantity,
                        orderLine=line,
                        reason=None,
                        reasonReference=None,
                    )
                )
            fulfillment = self._new_record(
                "Fulfillment",
                fulfillment_pk,
                fulfillmentOrder=len(order["fulfillments"]) + 1,
                status="FULFILLED",
                statusDisplay="Fulfilled",
                trackingNumber=tracking_number,
                created=now_iso(),
                lines=fulfillment_lines,
                warehouse=warehouse,
                shippingRefundedAmount=None,
                totalRefundedAmount=None,
                reason=None,
                reasonReference=None,
                metadata=[],
                privateMetadata=[],
                _order=order,
            )
            order["fulfillments"].append(fulfillment)
            remaining = sum(line["quantityToFulfill"] for line in order["lines"])
            self.set_order_status(order, "FULFILLED" if remaining == 0 else "PARTIALLY_FULFILLED")
            self.add_order_event(
                order, "FULFILLMENT_FULFILLED_ITEMS", fulfilled_items=fulfillment_lines
            )
            return fulfillment

    def _take_stock(self, line: Record, quantity: int, warehouse: Record | None) -> None:
        variant = line["variant"]
        if variant is None:
            return
        for stock in variant["stocks"]:
            if warehouse is None or stock["warehouse"] is warehouse:
                stock["quantity"] -= quantity
                return

    def set_order_status(self, order: Record, status: str) -> None:
        """Change the order status (and its display text)."""
        with self.lock:
            order["status"] = status
            order["statusDisplay"] = _ORDER_STATUS_DISPLAY.get(status, status.title())
            order["updatedAt"] = now_iso()

    # -- apps and webhooks -------------------------------------------------------------

    def add_app(
        self,
        name: str,
        *,
        permissions: Iterable[str] = (),
        identifier: str | None = None,
        app_type: str = "THIRDPARTY",
        manifest: Mapping[str, Any] | None = None,
        manifest_url: str | None = None,
        is_active: bool = True,
    ) -> Record:
        """Create an app record (no token yet; see ``add_app_token``)."""
        with self.lock:
            manifest = manifest or {}
            app = self._new_record(
                "App",
                self.next_pk("App"),
                name=name,
                identifier=identifier,
                type=app_type,
                isActive=is_active,
                created=now_iso(),
                aboutApp=manifest.get("about"),
                dataPrivacy=manifest.get("dataPrivacy"),
                dataPrivacyUrl=manifest.get("dataPrivacyUrl"),
                homepageUrl=manifest.get("homepageUrl"),
                supportUrl=manifest.get("supportUrl"),
                configurationUrl=manifest.get("configurationUrl"),
                appUrl=manifest.get("appUrl"),
                manifestUrl=manifest_url,
                version=manifest.get("version"),
                author=manifest.get("author"),
                accessToken=None,
                brand=None,
                breakerState="CLOSED",
                breakerLastStateChange=None,
                extensions=[],
                metadata=[],
                privateMetadata=[],
                _permissions=set(permissions),
                _audience=manifest.get("audience"),
                _tokens=[],
            )
            self.apps[app["id"]] = app
            return app

    def add_app_token(self, app: Record, name: str = "Default token") -> str:
        """Issue a new auth token for ``app`` and return its raw value."""
        with self.lock:
            raw = generate_app_token()
            self._app_tokens[raw] = app["id"]
            app["_tokens"].append(
                Record(
                    __typename="AppToken",
                    id=to_global_id("AppToken", self.next_pk("AppToken")),
                    name=name,
                    # Saleor stores a hash and only ever shows the last four characters.
                    authToken=raw[-4:],
                    _raw=raw,
                )
            )
            return raw

    def app_by_token(self, token: str) -> Record | None:
        """The active app owning ``token``, or ``None``."""
        with self.lock:
            app = self.apps.get(self._app_tokens.get(token, ""))
            if app is None or not app["isActive"]:
                return None
            return app

    def remove_app(self, app: Record) -> None:
        """Delete ``app`` with its tokens and webhooks."""
        with self.lock:
            for token in [t for t, app_id in self._app_tokens.items() if app_id == app["id"]]:
                del self._app_tokens[token]
            for webhook in self.webhooks_of(app):
                del self.webhooks[webhook["id"]]
            self.apps.pop(app["id"], None)
            app["isActive"] = False

    def add_extension(self, app: Record, spec: Mapping[str, Any]) -> Record:
        """Attach a manifest extension to ``app``."""
        with self.lock:
            extension = self._new_record(
                "AppExtension",
                self.next_pk("AppExtension"),
                label=spec.get("label", ""),
                url=spec.get("url", ""),
                mountName=str(spec.get("mount", "")).upper(),
                targetName=str(spec.get("target", "POPUP")).upper(),
                settings=dict(spec.get("options") or {}),
                identifier=spec.get("identifier"),
                app=app,
                accessToken=None,
                _permissions=set(spec.get("permissions") or ()),
            )
            app["extensions"].append(extension)
            return extension

    def add_webhook(
        self,
        app: Record,
        *,
        name: str | None,
        target_url: str,
        events: Iterable[str],
        query: str | None = None,
        is_active: bool = True,
        identifier: str | None = None,
        custom_headers: Mapping[str, str] | None = None,
    ) -> Record:
        """Create a webhook of ``app`` subscribed to ``events`` (enum names)."""
        with self.lock:
            webhook = self._new_record(
                "Webhook",
                self.next_pk("Webhook"),
                name=name,
                identifier=identifier,
                targetUrl=target_url,
                isActive=is_active,
                secretKey=None,
                subscriptionQuery=query,
                customHeaders=dict(custom_headers) if custom_headers else None,
                app=app,
                _events=list(dict.fromkeys(events)),
            )
            self.webhooks[webhook["id"]] = webhook
            return webhook

    def webhooks_of(self, app: Record) -> list[Record]:
        """Webhooks belonging to ``app``, oldest first."""
        with self.lock:
            return [hook for hook in self.webhooks.values() if hook["app"] is app]


def _country(code: str) -> Record:
    return country(code)


def _as_address(value: Mapping[str, Any] | None) -> Record | None:
    if value is None:
        return None
    if "__typename" in value:
        return Record(value)
    return address(**value)
