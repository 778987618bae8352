// Generated from openapi/admin-gateway.json by libs/sdk/scripts/generate-types.mjs (openapi-typescript): do not edit.

export interface paths {
    "/v1/analytics/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's grants, newest first, with filters */
        get: operations["listTenantGrants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/grants/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Grant counts by source type, day, reward and state, and order events by type, in a date range */
        get: operations["getGrantStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a tenant; its secrets are shown only in this response */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a tenant (no secrets) */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grant a reward to a user (idempotent per user and idempotency_key, or per source and reward) */
        post: operations["grantReward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/grants/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Up to 1,000 grants; each is idempotent and succeeds or fails alone (per-item status) */
        post: operations["grantRewardsInBulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate secrets (all by default, or those named in `keys`); the new values are shown once */
        post: operations["rotateTenantKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/reward-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List orders, newest first; e.g. the manual queue: ?state=fulfilling&fulfillment_type=manual */
        get: operations["listOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/reward-orders/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an order */
        get: operations["getOrder"];
        /** Complete (details kept in status.data) or fail a manual order */
        put: operations["updateOrderStatus"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/reward-orders/{order_id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund a purchase: price back to the wallet, unit back to stock (a refunded order: 409) */
        post: operations["refundOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/reward-orders/{order_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a failed order back to fulfillment (attempts start over) */
        post: operations["retryOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/rewards-catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List rewards (active by default; `active=all` for every reward) */
        get: operations["listRewards"];
        put?: never;
        /** Create a reward (slug unique per tenant) */
        post: operations["createReward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/rewards-catalog/{reward_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a reward */
        get: operations["getReward"];
        /** Update a reward: only the given properties change */
        put: operations["updateReward"];
        post?: never;
        /** Deactivate a reward (soft delete; its orders are kept) */
        delete: operations["deactivateReward"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's settings */
        get: operations["getSettings"];
        /** Change settings (only those given): fulfillment_url for API fulfillment, allowed_origins for browser apps */
        put: operations["updateSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/wallets/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's balances, XP and badges */
        get: operations["getWallet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/wallets/{user_id}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Credit or debit a balance, idempotent per (user, idempotency_key) */
        post: operations["createWalletTransaction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's endpoints */
        get: operations["listWebhooks"];
        put?: never;
        /** Add an endpoint for order events; its signing secret is shown only here */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/webhooks/{webhook_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One endpoint */
        get: operations["getWebhook"];
        /** Change an endpoint: url, events, enabled (re-enabling clears its failure streak) */
        put: operations["updateWebhook"];
        post?: never;
        /** Remove an endpoint */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/webhooks/{webhook_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log: every delivery with each attempt (status, latency, response snippet) */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivered or failed delivery again, as a new series of attempts (409 while pending or the webhook is disabled) */
        post: operations["redeliverWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/webhooks/{webhook_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret, shown only here; the replaced one keeps signing beside it for grace_seconds (default 24 h, 0: stops at once) */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "order.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Webhook order.created: A new order: a purchase or a grant
         * @description POSTed to each enabled endpoint subscribed to order.created (see createWebhook). A 2xx within the timeout delivers it; anything else is retried with exponential backoff, and a 410 disables the endpoint. Redirects are not followed.
         */
        post: operations["onOrderCreatedWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "order.claimed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Webhook order.claimed: The user submitted the fields the order needed
         * @description POSTed to each enabled endpoint subscribed to order.claimed (see createWebhook). A 2xx within the timeout delivers it; anything else is retried with exponential backoff, and a 410 disables the endpoint. Redirects are not followed.
         */
        post: operations["onOrderClaimedWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "order.fulfilling": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Webhook order.fulfilling: Delivery started
         * @description POSTed to each enabled endpoint subscribed to order.fulfilling (see createWebhook). A 2xx within the timeout delivers it; anything else is retried with exponential backoff, and a 410 disables the endpoint. Redirects are not followed.
         */
        post: operations["onOrderFulfillingWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "order.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Webhook order.completed: The order was delivered
         * @description POSTed to each enabled endpoint subscribed to order.completed (see createWebhook). A 2xx within the timeout delivers it; anything else is retried with exponential backoff, and a 410 disables the endpoint. Redirects are not followed.
         */
        post: operations["onOrderCompletedWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "order.failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Webhook order.failed: Delivery failed for good
         * @description POSTed to each enabled endpoint subscribed to order.failed (see createWebhook). A 2xx within the timeout delivers it; anything else is retried with exponential backoff, and a 410 disables the endpoint. Redirects are not followed.
         */
        post: operations["onOrderFailedWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "order.expired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Webhook order.expired: A claimable order was not claimed in time
         * @description POSTed to each enabled endpoint subscribed to order.expired (see createWebhook). A 2xx within the timeout delivers it; anything else is retried with exponential backoff, and a 410 disables the endpoint. Redirects are not followed.
         */
        post: operations["onOrderExpiredWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "order.refunded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Webhook order.refunded: A purchase was refunded: its price back to the wallet
         * @description POSTed to each enabled endpoint subscribed to order.refunded (see createWebhook). A 2xx within the timeout delivers it; anything else is retried with exponential backoff, and a 410 disables the endpoint. Redirects are not followed.
         */
        post: operations["onOrderRefundedWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    fulfillment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fulfillment API call: deliver an order of an `api` reward
         * @description POSTed to the tenant’s fulfillment_url (see updateSettings) when an `api` order enters fulfilling. Retried by the reward’s retry policy with the same Idempotency-Key; the order fails when the attempts run out.
         */
        post: operations["fulfillOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        AdminOrderList: {
            orders: components["schemas"]["OrderView"][];
            total: number;
            limit: number;
            offset: number;
        };
        AdminOrderUpdateBody: {
            status: ({
                /** @constant */
                state: "completed";
            } & {
                [key: string]: string | number | boolean | null;
            }) | {
                /** @constant */
                state: "failed";
                reason: string;
            };
        };
        Amount: number;
        ApiFulfillment: {
            /** @constant */
            type: "api";
            /**
             * @default {
             *       "max_attempts": 3,
             *       "backoff_seconds": [
             *         60,
             *         300,
             *         900
             *       ]
             *     }
             */
            retry: components["schemas"]["RetryPolicy"];
        };
        ApiFulfillmentInput: {
            /** @constant */
            type: "api";
            /**
             * @default {
             *       "max_attempts": 3,
             *       "backoff_seconds": [
             *         60,
             *         300,
             *         900
             *       ]
             *     }
             */
            retry?: components["schemas"]["RetryPolicy"];
        };
        BadgeId: string;
        BulkGrantItemResult: {
            index: number;
            status: number;
            order?: components["schemas"]["OrderView"];
            was_cached?: boolean;
            error?: {
                code: string;
                message: string;
                details?: {
                    path: string;
                    message: string;
                }[];
            };
        };
        BulkGrantResult: {
            results: components["schemas"]["BulkGrantItemResult"][];
            created: number;
            cached: number;
            failed: number;
        };
        CreateRewardBody: {
            slug: components["schemas"]["Slug"];
            name: string;
            description?: string | null;
            image_url?: string | null;
            /** @default true */
            active?: boolean;
            /** @default [] */
            fields?: components["schemas"]["RewardFieldInput"][];
            fulfillment: components["schemas"]["FulfillmentInput"];
            /** @default false */
            requires_claim?: boolean;
            purchase?: components["schemas"]["PurchaseConfig"] | null;
            /** @default null */
            stock?: components["schemas"]["Stock"];
            /** @default {} */
            config?: {
                [key: string]: unknown;
            };
        };
        CreateTenantBody: {
            id?: components["schemas"]["TenantId"];
            name: string;
            allowed_origins?: string[];
        };
        CreateWebhookBody: {
            /** Format: uri */
            url: string;
            events: ("order.created" | "order.claimed" | "order.fulfilling" | "order.completed" | "order.failed" | "order.expired" | "order.refunded")[];
            /** @default true */
            enabled?: boolean;
        };
        Currency: string;
        DeliveryAttempt: {
            attempt: number;
            at: components["schemas"]["IsoDateTime"];
            status_code: number | null;
            latency_ms: number;
            error: string | null;
            response_snippet: string | null;
        };
        DeliveryList: {
            deliveries: components["schemas"]["DeliveryView"][];
            total: number;
            limit: number;
            offset: number;
        };
        DeliveryView: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            endpoint_id: string;
            /** Format: uuid */
            event_id: string;
            event_type: string;
            /** @enum {string} */
            state: "pending" | "delivered" | "failed";
            attempts: components["schemas"]["DeliveryAttempt"][];
            next_attempt_at: components["schemas"]["IsoDateTime"] | null;
            created_at: components["schemas"]["IsoDateTime"];
        };
        FieldValues: {
            [key: string]: string;
        };
        Fulfillment: components["schemas"]["WalletCurrencyFulfillment"] | components["schemas"]["WalletXpFulfillment"] | components["schemas"]["WalletBadgeFulfillment"] | components["schemas"]["ManualFulfillment"] | components["schemas"]["ApiFulfillment"];
        FulfillmentCall: {
            order_id: string;
            user_id: string;
            reward_id: string;
            reward_slug: string;
            reward_name: string;
            variant_id: string;
            /** @enum {string} */
            state: "pending_claim" | "fulfilling" | "completed" | "failed" | "expired" | "refunded";
            status: components["schemas"]["OrderStatus"];
            source_type: string;
            source_ref: string | null;
            source_name: string | null;
            source_context: string | null;
            metadata: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            fulfillment_type: "wallet" | "manual" | "api";
            fulfillment: components["schemas"]["OrderFulfillment"];
            fulfillment_data: {
                [key: string]: unknown;
            } | null;
            price: {
                currency: string;
                amount: number;
            } | null;
            requires_claim: boolean;
            expires_at: string | null;
            created_at: components["schemas"]["IsoDateTime"];
            updated_at: components["schemas"]["IsoDateTime"];
            version: number;
            /** @description 1 on the first call, then one more per retry */
            attempt: number;
        };
        FulfillmentCallResult: {
            /** @description The delivery's id in the tenant's system, kept in the order's status.data */
            external_id: string;
        };
        FulfillmentInput: components["schemas"]["WalletCurrencyFulfillment"] | components["schemas"]["WalletXpFulfillment"] | components["schemas"]["WalletBadgeFulfillment"] | components["schemas"]["ManualFulfillment"] | components["schemas"]["ApiFulfillmentInput"];
        /**
         * @example {
         *       "user_id": "user_123",
         *       "reward_id": "550e8400-e29b-41d4-a716-446655440000",
         *       "source_type": "leaderboard",
         *       "source_ref": "weekly_top10",
         *       "expires_at": "2026-02-28T23:59:59Z"
         *     }
         */
        GrantBody: {
            user_id: components["schemas"]["UserId"];
            /** Format: uuid */
            reward_id: string;
            source_type: components["schemas"]["SourceType"];
            source_ref: string;
            /** Format: date-time */
            expires_at?: string;
            fields?: components["schemas"]["FieldValues"];
            source_name?: string;
            source_context?: string;
            metadata?: {
                [key: string]: unknown;
            };
            idempotency_key?: components["schemas"]["IdempotencyKey"];
            variant_id?: string;
        };
        GrantList: {
            grants: components["schemas"]["GrantView"][];
            total: number;
            limit: number;
            offset: number;
        };
        GrantResult: {
            order: components["schemas"]["OrderView"];
            was_cached: boolean;
        };
        GrantStats: {
            tenant_id: string;
            from: string | null;
            to: string | null;
            total_grants: number;
            by_source_type: {
                source_type: string;
                count: number;
            }[];
            by_day: {
                day: string;
                count: number;
            }[];
            by_reward: {
                item_id: string;
                item_name: string;
                count: number;
            }[];
            by_state: {
                state: string;
                count: number;
            }[];
            by_event_type: {
                event_type: string;
                count: number;
            }[];
        };
        GrantView: {
            grant_id: string;
            grant_time: string;
            user_id: string;
            source_type: string;
            source_id: string;
            source_name: string;
            source_context: string;
            item_id: string;
            item_name: string;
            reward_type: string;
            payload: {
                [key: string]: unknown;
            };
            metadata: {
                [key: string]: unknown;
            };
            order_id: string;
            /** @enum {string} */
            state: "pending_claim" | "fulfilling" | "completed" | "failed" | "expired" | "refunded";
        };
        HttpErrorBody: {
            /** @description The HTTP status, repeated */
            statusCode: number;
            /** @description The status text, e.g. "Not Found" */
            error: string;
            /**
             * @description What went wrong, for programs: one code maps to one status
             * @enum {string}
             */
            code: "VALIDATION" | "UNAUTHENTICATED" | "INSUFFICIENT_BALANCE" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "OUT_OF_STOCK" | "IDEMPOTENCY_MISMATCH" | "ORDER_ACTION_NOT_ALLOWED" | "METHOD_NOT_ALLOWED" | "PAYLOAD_TOO_LARGE" | "HEADERS_TOO_LARGE" | "REQUEST_TIMEOUT" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "UNAVAILABLE" | "UPSTREAM_UNAVAILABLE" | "INTERNAL";
            /** @description What went wrong, for people */
            message: string;
            /** @description Each invalid input (validation errors) */
            details?: {
                /** @description Dotted path of the offending input, e.g. `fields.phone_number` */
                path: string;
                message: string;
            }[];
            /** @description Quoted in the server log line of an internal error */
            error_id?: string;
            /**
             * @description Present on the replay of an idempotent request’s error only
             * @constant
             */
            was_cached?: true;
        };
        IdempotencyKey: string;
        /** Format: date-time */
        IsoDateTime: string;
        KeysRotated: {
            id: string;
            rotated_at: components["schemas"]["IsoDateTime"];
            api_key?: string;
            jwt_secret?: string;
            hmac_secret?: string;
            webhook_secret?: string;
        };
        ManualFulfillment: {
            /** @constant */
            type: "manual";
            notes?: string;
        };
        /**
         * @description How many to skip (pagination)
         * @default 0
         */
        Offset: number;
        OrderFulfillment: {
            /** @enum {string} */
            type: "wallet" | "manual" | "api";
            item_type?: string;
            currency?: string;
            amount?: number;
            item_id?: string;
        } & {
            [key: string]: unknown;
        };
        OrderStatus: {
            /** @enum {string} */
            state: "pending_claim" | "fulfilling" | "completed" | "failed" | "expired" | "refunded";
            started_at?: string;
            claimed_at?: string;
            completed_at?: string;
            failed_at?: string;
            expired_at?: string;
            refunded_at?: string;
            reason?: string;
            data?: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        OrderView: {
            /** Format: uuid */
            id: string;
            tenant_id: string;
            user_id: string;
            /** Format: uuid */
            reward_id: string;
            variant_id: string;
            source_type: string;
            source_ref: string | null;
            status: components["schemas"]["OrderStatus"];
            fields: components["schemas"]["FieldValues"];
            fulfillment: components["schemas"]["OrderFulfillment"];
            requires_claim: boolean;
            expires_at: components["schemas"]["IsoDateTime"] | null;
            created_at: components["schemas"]["IsoDateTime"];
            updated_at: components["schemas"]["IsoDateTime"];
        };
        Price: {
            currency: components["schemas"]["Currency"];
            amount: components["schemas"]["Amount"];
        };
        PurchaseConfig: {
            prices: components["schemas"]["Price"][];
        };
        /**
         * @example {
         *       "reason": "Customer requested cancellation"
         *     }
         */
        RefundBody: {
            reason: string;
        };
        RetryPolicy: {
            max_attempts: number;
            backoff_seconds: number[];
        };
        RewardField: components["schemas"]["TextField"] | components["schemas"]["SelectField"];
        RewardFieldInput: components["schemas"]["TextFieldInput"] | components["schemas"]["SelectFieldInput"];
        RewardList: {
            rewards: components["schemas"]["RewardView"][];
            total: number;
            limit: number;
            offset: number;
        };
        RewardView: {
            /** Format: uuid */
            id: string;
            tenant_id: string;
            slug: string;
            name: string;
            description: string | null;
            image_url: string | null;
            active: boolean;
            fields: components["schemas"]["RewardField"][];
            fulfillment: components["schemas"]["Fulfillment"];
            requires_claim: boolean;
            purchase: components["schemas"]["PurchaseConfig"] | null;
            stock: number | null;
            config: {
                [key: string]: unknown;
            };
            created_at: components["schemas"]["IsoDateTime"];
            updated_at: components["schemas"]["IsoDateTime"];
        };
        RotateKeysBody: {
            keys?: ("api_key" | "jwt_secret" | "hmac_secret" | "webhook_secret")[];
        };
        RotateWebhookSecretBody: {
            /** @default 86400 */
            grace_seconds?: number;
        };
        SelectField: {
            name: string;
            label: string;
            /** @default false */
            required: boolean;
            /** @constant */
            type: "select";
            options: {
                value: string;
                label: string;
            }[];
        };
        SelectFieldInput: {
            name: string;
            label: string;
            /** @default false */
            required?: boolean;
            /** @constant */
            type: "select";
            options: {
                value: string;
                label: string;
            }[];
        };
        /** @description The reward’s slug, unique in its tenant */
        Slug: string;
        SourceType: string;
        Stock: number | null;
        TenantCreated: {
            id: string;
            name: string;
            api_key: string;
            jwt_secret: string;
            hmac_secret: string;
            webhook_secret: string;
            allowed_origins: string[];
            created_at: components["schemas"]["IsoDateTime"];
        };
        /** @description The tenant id */
        TenantId: string;
        TenantSettings: {
            fulfillment_url?: string | null;
            allowed_origins?: string[];
        };
        TenantSettingsView: {
            fulfillment_url: string | null;
            allowed_origins: string[];
        };
        TenantView: {
            id: string;
            name: string;
            allowed_origins: string[];
            created_at: components["schemas"]["IsoDateTime"];
            updated_at: components["schemas"]["IsoDateTime"];
        };
        TextField: {
            name: string;
            label: string;
            /** @default false */
            required: boolean;
            /** @constant */
            type: "text";
            pattern?: string;
            min_length?: number;
            max_length?: number;
            multiline?: boolean;
            placeholder?: string;
        };
        TextFieldInput: {
            name: string;
            label: string;
            /** @default false */
            required?: boolean;
            /** @constant */
            type: "text";
            pattern?: string;
            min_length?: number;
            max_length?: number;
            multiline?: boolean;
            placeholder?: string;
        };
        UpdateRewardBody: {
            slug?: components["schemas"]["Slug"];
            name?: string;
            description?: string | null;
            image_url?: string | null;
            active?: boolean;
            fields?: components["schemas"]["RewardFieldInput"][];
            fulfillment?: components["schemas"]["FulfillmentInput"];
            requires_claim?: boolean;
            purchase?: components["schemas"]["PurchaseConfig"] | null;
            stock?: components["schemas"]["Stock"];
            config?: {
                [key: string]: unknown;
            };
        };
        UpdateWebhookBody: {
            /** Format: uri */
            url?: string;
            events?: ("order.created" | "order.claimed" | "order.fulfilling" | "order.completed" | "order.failed" | "order.expired" | "order.refunded")[];
            enabled?: boolean;
        };
        /** @description The user’s id in the tenant’s own system */
        UserId: string;
        WalletBadgeFulfillment: {
            /** @constant */
            type: "wallet";
            /** @constant */
            item_type: "badge";
            item_id: components["schemas"]["BadgeId"];
        };
        WalletCurrencyFulfillment: {
            /** @constant */
            type: "wallet";
            /** @constant */
            item_type: "currency";
            currency: components["schemas"]["Currency"];
            amount: components["schemas"]["Amount"];
        };
        WalletTransactionBody: {
            /** @enum {string} */
            type: "credit" | "debit";
            /**
             * @default currency
             * @enum {string}
             */
            asset?: "currency" | "xp" | "badge";
            currency?: components["schemas"]["Currency"];
            badge_id?: components["schemas"]["BadgeId"];
            amount?: components["schemas"]["Amount"];
            reason: string;
            reference?: string;
            idempotency_key: components["schemas"]["IdempotencyKey"];
        };
        WalletTransactionResult: {
            transaction: components["schemas"]["WalletTransactionView"];
            was_cached: boolean;
        };
        WalletTransactionView: {
            id: string;
            /** @enum {string} */
            type: "credit" | "debit";
            /** @enum {string} */
            asset: "currency" | "xp" | "badge";
            currency: string | null;
            badge_id: string | null;
            amount: number;
            balance_after: number;
            reason: string;
            reference: string | null;
            created_at: components["schemas"]["IsoDateTime"];
        };
        WalletView: {
            tenant_id: string;
            user_id: string;
            balances: {
                [key: string]: number;
            };
            xp: number;
            badges: {
                badge_id: string;
                granted_at: components["schemas"]["IsoDateTime"];
            }[];
        };
        WalletXpFulfillment: {
            /** @constant */
            type: "wallet";
            /** @constant */
            item_type: "xp";
            amount: components["schemas"]["Amount"];
        };
        WebhookCreated: {
            /** Format: uuid */
            id: string;
            tenant_id: string;
            /** Format: uri */
            url: string;
            events: string[];
            enabled: boolean;
            failure_streak: number;
            disabled_reason: string | null;
            previous_secret_expires_at: components["schemas"]["IsoDateTime"] | null;
            created_at: components["schemas"]["IsoDateTime"];
            updated_at: components["schemas"]["IsoDateTime"];
            secret: string;
        };
        WebhookList: {
            webhooks: components["schemas"]["WebhookView"][];
        };
        /**
         * @example {
         *       "event_type": "order.completed",
         *       "tenant_id": "your_tenant",
         *       "timestamp": "2026-01-28T10:31:00Z",
         *       "data": {
         *         "order_id": "f47ac10b-58cc-4372-a567-0e02b2c3d479",
         *         "user_id": "user_123",
         *         "reward_id": "550e8400-e29b-41d4-a716-446655440000",
         *         "reward_slug": "airtime-topup",
         *         "fulfillment_type": "api",
         *         "fulfillment_data": {
         *           "external_id": "TXN123456"
         *         }
         *       }
         *     }
         */
        WebhookPayload: {
            /** @enum {string} */
            event_type: "order.created" | "order.claimed" | "order.fulfilling" | "order.completed" | "order.failed" | "order.expired" | "order.refunded";
            tenant_id: string;
            /** @description When the event happened */
            timestamp: components["schemas"]["IsoDateTime"];
            data: {
                /** Format: uuid */
                order_id: string;
                user_id: string;
                /** Format: uuid */
                reward_id: string;
                reward_slug: string;
                /** @enum {string} */
                fulfillment_type: "wallet" | "manual" | "api";
                fulfillment_data: {
                    [key: string]: unknown;
                };
            };
        };
        WebhookView: {
            /** Format: uuid */
            id: string;
            tenant_id: string;
            /** Format: uri */
            url: string;
            events: string[];
            enabled: boolean;
            failure_streak: number;
            disabled_reason: string | null;
            previous_secret_expires_at: components["schemas"]["IsoDateTime"] | null;
            created_at: components["schemas"]["IsoDateTime"];
            updated_at: components["schemas"]["IsoDateTime"];
        };
    };
    responses: {
        /** @description Bad Request: code VALIDATION */
        Error400: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
        /** @description Unauthorized: code UNAUTHENTICATED */
        Error401: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
        /** @description Payment Required: code INSUFFICIENT_BALANCE */
        Error402: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
        /** @description Forbidden: code FORBIDDEN */
        Error403: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
        /** @description Not Found: code NOT_FOUND */
        Error404: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
        /** @description Request Timeout: code REQUEST_TIMEOUT */
        Error408: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
        /** @description Conflict: code CONFLICT or OUT_OF_STOCK or IDEMPOTENCY_MISMATCH or ORDER_ACTION_NOT_ALLOWED */
        Error409: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
        /** @description Payload Too Large: code PAYLOAD_TOO_LARGE */
        Error413: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
        /** @description Unsupported Media Type: code UNSUPPORTED_MEDIA_TYPE */
        Error415: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
        /** @description Too Many Requests: code RATE_LIMITED */
        Error429: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
        /** @description Request Header Fields Too Large: code HEADERS_TOO_LARGE */
        Error431: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
        /** @description Internal Server Error: code INTERNAL */
        Error500: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
        /** @description Service Unavailable: code UNAVAILABLE or UPSTREAM_UNAVAILABLE */
        Error503: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HttpErrorBody"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description The request id of the log lines: the caller’s X-Request-Id when usable, else a new UUID */
        "X-Request-Id": string;
        /** @description Requests allowed in the window of the rate limit closest to empty (when one applies to the credential) */
        "RateLimit-Limit": number;
        /** @description Requests left in that window */
        "RateLimit-Remaining": number;
        /** @description Seconds to wait before trying again */
        "Retry-After": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listTenantGrants: {
        parameters: {
            query: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description Only grants of this source type */
                source_type?: components["schemas"]["SourceType"];
                /** @description Only grants of this source (its id) */
                source_id?: string;
                /** @description Start of the range, inclusive: an ISO 8601 date or date-time with offset */
                from?: string;
                /** @description End of the range, exclusive (a date: that whole day included) */
                to?: string;
                /** @description Only this user’s grants */
                user_id?: components["schemas"]["UserId"];
                /** @description Only grants of this reward (its id) */
                item_id?: string;
                /** @description Only grants whose order is in this state */
                state?: "pending_claim" | "fulfilling" | "completed" | "failed" | "expired" | "refunded";
                /** @description Page size: at most 1000, 50 unless given */
                limit?: number;
                /** @description How many to skip (pagination) */
                offset?: components["schemas"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrantList"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    getGrantStats: {
        parameters: {
            query: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description Start of the range, inclusive: an ISO 8601 date or date-time with offset */
                from?: string;
                /** @description End of the range, exclusive (a date: that whole day included) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrantStats"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenantBody"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantCreated"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            408: components["responses"]["Error408"];
            409: components["responses"]["Error409"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    grantReward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrantBody"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrantResult"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            409: components["responses"]["Error409"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    grantRewardsInBulk: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    grants: components["schemas"]["GrantBody"][];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkGrantResult"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            408: components["responses"]["Error408"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    rotateTenantKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RotateKeysBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeysRotated"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /** @description Only orders in this state */
                state?: "pending_claim" | "fulfilling" | "completed" | "failed" | "expired" | "refunded";
                /** @description Only this user’s orders */
                user_id?: components["schemas"]["UserId"];
                /** @description Only orders of this reward */
                reward_id?: string;
                /** @description Only orders delivered this way */
                fulfillment_type?: "wallet" | "manual" | "api";
                /** @description Page size: at most 200, 50 unless given */
                limit?: number;
                /** @description How many to skip (pagination) */
                offset?: components["schemas"]["Offset"];
            };
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminOrderList"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The order id */
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    updateOrderStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The order id */
                order_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminOrderUpdateBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            409: components["responses"]["Error409"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    refundOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The order id */
                order_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefundBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            409: components["responses"]["Error409"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    retryOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The order id */
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            409: components["responses"]["Error409"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    listRewards: {
        parameters: {
            query?: {
                /** @description Active rewards (true), inactive ones (false) or every reward (all) */
                active?: "true" | "false" | "all";
                /** @description Page size: at most 200, 50 unless given */
                limit?: number;
                /** @description How many to skip (pagination) */
                offset?: components["schemas"]["Offset"];
            };
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RewardList"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    createReward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRewardBody"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RewardView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            409: components["responses"]["Error409"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    getReward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The reward id */
                reward_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RewardView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    updateReward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The reward id */
                reward_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRewardBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RewardView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            409: components["responses"]["Error409"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    deactivateReward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The reward id */
                reward_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RewardView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    getSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantSettingsView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    updateSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TenantSettings"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantSettingsView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    getWallet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The user’s id in the tenant’s own system */
                user_id: components["schemas"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    createWalletTransaction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The user’s id in the tenant’s own system */
                user_id: components["schemas"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WalletTransactionBody"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletTransactionResult"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            402: components["responses"]["Error402"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            409: components["responses"]["Error409"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookBody"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookCreated"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The webhook endpoint id */
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The webhook endpoint id */
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The webhook endpoint id */
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Page size: at most 200, 50 unless given */
                limit?: number;
                /** @description How many to skip (pagination) */
                offset?: components["schemas"]["Offset"];
            };
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The webhook endpoint id */
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryList"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    redeliverWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The webhook endpoint id */
                webhook_id: string;
                /** @description The delivery id */
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryView"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            409: components["responses"]["Error409"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The webhook endpoint id */
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RotateWebhookSecretBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookCreated"];
                };
            };
            400: components["responses"]["Error400"];
            401: components["responses"]["Error401"];
            403: components["responses"]["Error403"];
            404: components["responses"]["Error404"];
            408: components["responses"]["Error408"];
            413: components["responses"]["Error413"];
            415: components["responses"]["Error415"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
    onOrderCreatedWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Standard Webhooks: the event id (a webhook) or the order id (a fulfillment call), stable across retries */
                "webhook-id": string;
                /**
                 * @description Standard Webhooks: unix seconds of this attempt; refuse calls too far from your clock (the standard libraries allow 5 minutes)
                 * @example 1769596260
                 */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the bytes of the whsec_ secret (the base64 after the prefix); during a secret rotation’s grace period one per valid secret. The `standardwebhooks` libraries verify it as it is. */
                "webhook-signature": string;
                /** @description The event id (a webhook) or the order id (a fulfillment call): stable across retries, to dedupe on */
                "X-Webhook-Id": string;
                /**
                 * @description Unix seconds of this attempt
                 * @example 1769596260
                 */
                "X-Webhook-Timestamp": string;
                /** @description The seed’s scheme: hex HMAC-SHA256 of the raw body, keyed with the current signing secret as shown to the tenant (the endpoint’s for a webhook, the tenant’s for a fulfillment call) */
                "X-Webhook-Signature": string;
                /** @description phoenix-rewards/1 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPayload"];
            };
        };
        responses: {
            /** @description Delivered (any 2xx; the body is not read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer, or none in time, is a failed attempt: it is retried with backoff */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onOrderClaimedWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Standard Webhooks: the event id (a webhook) or the order id (a fulfillment call), stable across retries */
                "webhook-id": string;
                /**
                 * @description Standard Webhooks: unix seconds of this attempt; refuse calls too far from your clock (the standard libraries allow 5 minutes)
                 * @example 1769596260
                 */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the bytes of the whsec_ secret (the base64 after the prefix); during a secret rotation’s grace period one per valid secret. The `standardwebhooks` libraries verify it as it is. */
                "webhook-signature": string;
                /** @description The event id (a webhook) or the order id (a fulfillment call): stable across retries, to dedupe on */
                "X-Webhook-Id": string;
                /**
                 * @description Unix seconds of this attempt
                 * @example 1769596260
                 */
                "X-Webhook-Timestamp": string;
                /** @description The seed’s scheme: hex HMAC-SHA256 of the raw body, keyed with the current signing secret as shown to the tenant (the endpoint’s for a webhook, the tenant’s for a fulfillment call) */
                "X-Webhook-Signature": string;
                /** @description phoenix-rewards/1 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPayload"];
            };
        };
        responses: {
            /** @description Delivered (any 2xx; the body is not read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer, or none in time, is a failed attempt: it is retried with backoff */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onOrderFulfillingWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Standard Webhooks: the event id (a webhook) or the order id (a fulfillment call), stable across retries */
                "webhook-id": string;
                /**
                 * @description Standard Webhooks: unix seconds of this attempt; refuse calls too far from your clock (the standard libraries allow 5 minutes)
                 * @example 1769596260
                 */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the bytes of the whsec_ secret (the base64 after the prefix); during a secret rotation’s grace period one per valid secret. The `standardwebhooks` libraries verify it as it is. */
                "webhook-signature": string;
                /** @description The event id (a webhook) or the order id (a fulfillment call): stable across retries, to dedupe on */
                "X-Webhook-Id": string;
                /**
                 * @description Unix seconds of this attempt
                 * @example 1769596260
                 */
                "X-Webhook-Timestamp": string;
                /** @description The seed’s scheme: hex HMAC-SHA256 of the raw body, keyed with the current signing secret as shown to the tenant (the endpoint’s for a webhook, the tenant’s for a fulfillment call) */
                "X-Webhook-Signature": string;
                /** @description phoenix-rewards/1 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPayload"];
            };
        };
        responses: {
            /** @description Delivered (any 2xx; the body is not read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer, or none in time, is a failed attempt: it is retried with backoff */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onOrderCompletedWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Standard Webhooks: the event id (a webhook) or the order id (a fulfillment call), stable across retries */
                "webhook-id": string;
                /**
                 * @description Standard Webhooks: unix seconds of this attempt; refuse calls too far from your clock (the standard libraries allow 5 minutes)
                 * @example 1769596260
                 */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the bytes of the whsec_ secret (the base64 after the prefix); during a secret rotation’s grace period one per valid secret. The `standardwebhooks` libraries verify it as it is. */
                "webhook-signature": string;
                /** @description The event id (a webhook) or the order id (a fulfillment call): stable across retries, to dedupe on */
                "X-Webhook-Id": string;
                /**
                 * @description Unix seconds of this attempt
                 * @example 1769596260
                 */
                "X-Webhook-Timestamp": string;
                /** @description The seed’s scheme: hex HMAC-SHA256 of the raw body, keyed with the current signing secret as shown to the tenant (the endpoint’s for a webhook, the tenant’s for a fulfillment call) */
                "X-Webhook-Signature": string;
                /** @description phoenix-rewards/1 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPayload"];
            };
        };
        responses: {
            /** @description Delivered (any 2xx; the body is not read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer, or none in time, is a failed attempt: it is retried with backoff */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onOrderFailedWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Standard Webhooks: the event id (a webhook) or the order id (a fulfillment call), stable across retries */
                "webhook-id": string;
                /**
                 * @description Standard Webhooks: unix seconds of this attempt; refuse calls too far from your clock (the standard libraries allow 5 minutes)
                 * @example 1769596260
                 */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the bytes of the whsec_ secret (the base64 after the prefix); during a secret rotation’s grace period one per valid secret. The `standardwebhooks` libraries verify it as it is. */
                "webhook-signature": string;
                /** @description The event id (a webhook) or the order id (a fulfillment call): stable across retries, to dedupe on */
                "X-Webhook-Id": string;
                /**
                 * @description Unix seconds of this attempt
                 * @example 1769596260
                 */
                "X-Webhook-Timestamp": string;
                /** @description The seed’s scheme: hex HMAC-SHA256 of the raw body, keyed with the current signing secret as shown to the tenant (the endpoint’s for a webhook, the tenant’s for a fulfillment call) */
                "X-Webhook-Signature": string;
                /** @description phoenix-rewards/1 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPayload"];
            };
        };
        responses: {
            /** @description Delivered (any 2xx; the body is not read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer, or none in time, is a failed attempt: it is retried with backoff */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onOrderExpiredWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Standard Webhooks: the event id (a webhook) or the order id (a fulfillment call), stable across retries */
                "webhook-id": string;
                /**
                 * @description Standard Webhooks: unix seconds of this attempt; refuse calls too far from your clock (the standard libraries allow 5 minutes)
                 * @example 1769596260
                 */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the bytes of the whsec_ secret (the base64 after the prefix); during a secret rotation’s grace period one per valid secret. The `standardwebhooks` libraries verify it as it is. */
                "webhook-signature": string;
                /** @description The event id (a webhook) or the order id (a fulfillment call): stable across retries, to dedupe on */
                "X-Webhook-Id": string;
                /**
                 * @description Unix seconds of this attempt
                 * @example 1769596260
                 */
                "X-Webhook-Timestamp": string;
                /** @description The seed’s scheme: hex HMAC-SHA256 of the raw body, keyed with the current signing secret as shown to the tenant (the endpoint’s for a webhook, the tenant’s for a fulfillment call) */
                "X-Webhook-Signature": string;
                /** @description phoenix-rewards/1 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPayload"];
            };
        };
        responses: {
            /** @description Delivered (any 2xx; the body is not read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer, or none in time, is a failed attempt: it is retried with backoff */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onOrderRefundedWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Standard Webhooks: the event id (a webhook) or the order id (a fulfillment call), stable across retries */
                "webhook-id": string;
                /**
                 * @description Standard Webhooks: unix seconds of this attempt; refuse calls too far from your clock (the standard libraries allow 5 minutes)
                 * @example 1769596260
                 */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the bytes of the whsec_ secret (the base64 after the prefix); during a secret rotation’s grace period one per valid secret. The `standardwebhooks` libraries verify it as it is. */
                "webhook-signature": string;
                /** @description The event id (a webhook) or the order id (a fulfillment call): stable across retries, to dedupe on */
                "X-Webhook-Id": string;
                /**
                 * @description Unix seconds of this attempt
                 * @example 1769596260
                 */
                "X-Webhook-Timestamp": string;
                /** @description The seed’s scheme: hex HMAC-SHA256 of the raw body, keyed with the current signing secret as shown to the tenant (the endpoint’s for a webhook, the tenant’s for a fulfillment call) */
                "X-Webhook-Signature": string;
                /** @description phoenix-rewards/1 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPayload"];
            };
        };
        responses: {
            /** @description Delivered (any 2xx; the body is not read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer, or none in time, is a failed attempt: it is retried with backoff */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    fulfillOrder: {
        parameters: {
            query?: never;
            header: {
                /** @description Standard Webhooks: the event id (a webhook) or the order id (a fulfillment call), stable across retries */
                "webhook-id": string;
                /**
                 * @description Standard Webhooks: unix seconds of this attempt; refuse calls too far from your clock (the standard libraries allow 5 minutes)
                 * @example 1769596260
                 */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the bytes of the whsec_ secret (the base64 after the prefix); during a secret rotation’s grace period one per valid secret. The `standardwebhooks` libraries verify it as it is. */
                "webhook-signature": string;
                /** @description The event id (a webhook) or the order id (a fulfillment call): stable across retries, to dedupe on */
                "X-Webhook-Id": string;
                /**
                 * @description Unix seconds of this attempt
                 * @example 1769596260
                 */
                "X-Webhook-Timestamp": string;
                /** @description The seed’s scheme: hex HMAC-SHA256 of the raw body, keyed with the current signing secret as shown to the tenant (the endpoint’s for a webhook, the tenant’s for a fulfillment call) */
                "X-Webhook-Signature": string;
                /** @description phoenix-rewards/1 */
                "User-Agent": string;
                /** @description The order id, the same on every attempt */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FulfillmentCall"];
            };
        };
        responses: {
            /** @description Delivered: the order completes with this external_id in status.data */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FulfillmentCallResult"];
                };
            };
            /** @description Any other answer, or none in time, is a failed attempt: it is retried with backoff */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
