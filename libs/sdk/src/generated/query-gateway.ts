// Generated from openapi/query-gateway.json by libs/sdk/scripts/generate-types.mjs (openapi-typescript): do not edit.

export interface paths {
    "/v1/orders/user/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's grants, newest first, with filters */
        get: operations["listUserGrants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/user/{user_id}/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One grant of the user */
        get: operations["getUserGrant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/{tenant_id}/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active rewards with affordability (from `balance`, or the calling user’s wallet) */
        get: operations["listCatalogInTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/{tenant_id}/catalog/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One active reward by slug */
        get: operations["getCatalogRewardInTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/{tenant_id}/orders/{order_id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Claim a pending order with the fields it needs; it moves on to fulfillment */
        post: operations["claimOrderInTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/{tenant_id}/orders/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's orders, newest first */
        get: operations["listUserOrdersInTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/{tenant_id}/orders/{user_id}/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the user’s orders */
        get: operations["getUserOrderInTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/{tenant_id}/purchase/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Buy a reward with wallet currency (idempotent per user and idempotency_key) */
        post: operations["purchaseRewardInTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/{tenant_id}/recent-fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest value of each field across the user’s orders (auto-fill) */
        get: operations["getRecentFieldsInTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active rewards with affordability (from `balance`, or the calling user’s wallet) */
        get: operations["listCatalog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/catalog/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One active reward by slug */
        get: operations["getCatalogReward"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/orders/{order_id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Claim a pending order with the fields it needs; it moves on to fulfillment */
        post: operations["claimOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/orders/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's orders, newest first */
        get: operations["listUserOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/orders/{user_id}/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the user’s orders */
        get: operations["getUserOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/purchase/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Buy a reward with wallet currency (idempotent per user and idempotency_key) */
        post: operations["purchaseReward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/recent-fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest value of each field across the user’s orders (auto-fill) */
        get: operations["getRecentFields"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/user/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's grants of one source type */
        get: operations["listUserGrantsBySource"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/user/{user_id}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many grants the user has, by source type */
        get: operations["getUserGrantSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's balances, XP and badges */
        get: operations["getWallet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Amount: number;
        CatalogList: {
            rewards: components["schemas"]["CatalogListItem"][];
            total: number;
            limit: number;
            offset: number;
        };
        CatalogListItem: {
            /** Format: uuid */
            id: string;
            slug: string;
            name: string;
            description: string | null;
            image_url: string | null;
            fields: components["schemas"]["RewardField"][];
            purchase: components["schemas"]["PurchaseConfig"] | null;
            stock: number | null;
            requires_claim: boolean;
            /** @enum {string} */
            fulfillment_type: "wallet" | "manual" | "api";
            affordable: boolean | null;
            points_needed: number | null;
        };
        CatalogReward: {
            /** Format: uuid */
            id: string;
            slug: string;
            name: string;
            description: string | null;
            image_url: string | null;
            fields: components["schemas"]["RewardField"][];
            purchase: components["schemas"]["PurchaseConfig"] | null;
            stock: number | null;
            requires_claim: boolean;
            /** @enum {string} */
            fulfillment_type: "wallet" | "manual" | "api";
        };
        /**
         * @example {
         *       "user_id": "user_123",
         *       "fields": {
         *         "phone_number": "+251912345678",
         *         "address": "123 Main St, Addis Ababa"
         *       }
         *     }
         */
        ClaimBody: {
            user_id: components["schemas"]["UserId"];
            /** @default {} */
            fields?: components["schemas"]["FieldValues"];
        };
        ClaimResult: {
            order: components["schemas"]["OrderView"];
        };
        Currency: string;
        FieldValues: {
            [key: string]: string;
        };
        GrantList: {
            grants: components["schemas"]["GrantView"][];
            total: number;
            limit: number;
            offset: number;
        };
        GrantSummary: {
            total_grants: number;
            by_source: {
                source_type: string;
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
        OrderSummary: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            reward_id: string;
            reward_name: string;
            reward_image_url: string | null;
            variant_id: string;
            source_type: string;
            status: components["schemas"]["OrderStatus"];
            requires_claim: boolean;
            created_at: components["schemas"]["IsoDateTime"];
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
        /**
         * @example {
         *       "user_id": "user_123",
         *       "idempotency_key": "purchase_user123_airtime_1706345678",
         *       "currency": "gold_coins",
         *       "fields": {
         *         "phone_number": "+251912345678"
         *       }
         *     }
         */
        PurchaseBody: {
            user_id: components["schemas"]["UserId"];
            idempotency_key: components["schemas"]["IdempotencyKey"];
            currency: string;
            /** @default {} */
            fields?: components["schemas"]["FieldValues"];
            variant_id?: string;
        };
        PurchaseConfig: {
            prices: components["schemas"]["Price"][];
        };
        PurchaseResult: {
            order: components["schemas"]["OrderView"];
            was_cached: boolean;
        };
        RecentFields: {
            fields: {
                [key: string]: string;
            };
        };
        RewardField: components["schemas"]["TextField"] | components["schemas"]["SelectField"];
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
        /** @description The reward’s slug, unique in its tenant */
        Slug: string;
        SourceType: string;
        /** @description The tenant id */
        TenantId: string;
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
        /** @description The user’s id in the tenant’s own system */
        UserId: string;
        UserOrderList: {
            orders: components["schemas"]["OrderSummary"][];
            total: number;
            limit: number;
            offset: number;
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
        /** @description A strong tag of this answer: send it as If-None-Match to get 304 while it is current */
        ETag: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listUserGrants: {
        parameters: {
            query?: {
                /** @description Only grants of this source type */
                source_type?: components["schemas"]["SourceType"];
                /** @description Only grants of this source (its id) */
                source_id?: string;
                /** @description Start of the range, inclusive: an ISO 8601 date or date-time with offset */
                from?: string;
                /** @description End of the range, exclusive (a date: that whole day included) */
                to?: string;
                /** @description Page size: at most 100, 50 unless given */
                limit?: number;
                /** @description How many to skip (pagination) */
                offset?: components["schemas"]["Offset"];
            };
            header?: never;
            path: {
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
    getUserGrant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user’s id in the tenant’s own system */
                user_id: components["schemas"]["UserId"];
                /** @description The id of the grant’s order */
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
                    "application/json": components["schemas"]["GrantView"];
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
    listCatalogInTenant: {
        parameters: {
            query?: {
                /** @description The user’s balance to judge affordability by (else the calling user’s wallet) */
                balance?: number;
                /** @description The currency `balance` is in, or the wallet currency to judge by */
                currency?: components["schemas"]["Currency"];
                /** @description Only rewards that can (true) or cannot (false) be bought */
                purchasable?: boolean | ("true" | "false");
                /** @description Page size: at most 200, 50 unless given */
                limit?: number;
                /** @description How many to skip (pagination) */
                offset?: components["schemas"]["Offset"];
            };
            header?: {
                /** @description The ETag of an answer held: 304 while it is current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The caller’s tenant: must be the credential’s (else 403) */
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
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogList"];
                };
            };
            /** @description Not modified: the If-None-Match tag is the current ETag */
            304: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
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
    getCatalogRewardInTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of an answer held: 304 while it is current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The caller’s tenant: must be the credential’s (else 403) */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The reward’s slug, unique in its tenant */
                slug: components["schemas"]["Slug"];
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
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogReward"];
                };
            };
            /** @description Not modified: the If-None-Match tag is the current ETag */
            304: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
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
    claimOrderInTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The caller’s tenant: must be the credential’s (else 403) */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The order id */
                order_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClaimBody"];
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
                    "application/json": components["schemas"]["ClaimResult"];
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
    listUserOrdersInTenant: {
        parameters: {
            query?: {
                /** @description Only orders in this state */
                status?: "pending_claim" | "fulfilling" | "completed" | "failed" | "expired" | "refunded";
                /** @description Page size: at most 100, 20 unless given */
                limit?: number;
                /** @description How many to skip (pagination) */
                offset?: components["schemas"]["Offset"];
            };
            header?: never;
            path: {
                /** @description The caller’s tenant: must be the credential’s (else 403) */
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
                    "application/json": components["schemas"]["UserOrderList"];
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
    getUserOrderInTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The caller’s tenant: must be the credential’s (else 403) */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The user’s id in the tenant’s own system */
                user_id: components["schemas"]["UserId"];
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
    purchaseRewardInTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The caller’s tenant: must be the credential’s (else 403) */
                tenant_id: components["schemas"]["TenantId"];
                /** @description The reward’s slug, unique in its tenant */
                slug: components["schemas"]["Slug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PurchaseBody"];
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
                    "application/json": components["schemas"]["PurchaseResult"];
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
    getRecentFieldsInTenant: {
        parameters: {
            query: {
                /** @description The user’s id in the tenant’s own system */
                user_id: components["schemas"]["UserId"];
            };
            header?: never;
            path: {
                /** @description The caller’s tenant: must be the credential’s (else 403) */
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
                    "application/json": components["schemas"]["RecentFields"];
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
    listCatalog: {
        parameters: {
            query?: {
                /** @description The user’s balance to judge affordability by (else the calling user’s wallet) */
                balance?: number;
                /** @description The currency `balance` is in, or the wallet currency to judge by */
                currency?: components["schemas"]["Currency"];
                /** @description Only rewards that can (true) or cannot (false) be bought */
                purchasable?: boolean | ("true" | "false");
                /** @description Page size: at most 200, 50 unless given */
                limit?: number;
                /** @description How many to skip (pagination) */
                offset?: components["schemas"]["Offset"];
            };
            header?: {
                /** @description The ETag of an answer held: 304 while it is current */
                "If-None-Match"?: string;
            };
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
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogList"];
                };
            };
            /** @description Not modified: the If-None-Match tag is the current ETag */
            304: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
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
    getCatalogReward: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of an answer held: 304 while it is current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The reward’s slug, unique in its tenant */
                slug: components["schemas"]["Slug"];
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
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogReward"];
                };
            };
            /** @description Not modified: the If-None-Match tag is the current ETag */
            304: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
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
    claimOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The order id */
                order_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClaimBody"];
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
                    "application/json": components["schemas"]["ClaimResult"];
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
    listUserOrders: {
        parameters: {
            query?: {
                /** @description Only orders in this state */
                status?: "pending_claim" | "fulfilling" | "completed" | "failed" | "expired" | "refunded";
                /** @description Page size: at most 100, 20 unless given */
                limit?: number;
                /** @description How many to skip (pagination) */
                offset?: components["schemas"]["Offset"];
            };
            header?: never;
            path: {
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
                    "application/json": components["schemas"]["UserOrderList"];
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
    getUserOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user’s id in the tenant’s own system */
                user_id: components["schemas"]["UserId"];
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
    purchaseReward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The reward’s slug, unique in its tenant */
                slug: components["schemas"]["Slug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PurchaseBody"];
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
                    "application/json": components["schemas"]["PurchaseResult"];
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
    getRecentFields: {
        parameters: {
            query: {
                /** @description The user’s id in the tenant’s own system */
                user_id: components["schemas"]["UserId"];
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
                    "application/json": components["schemas"]["RecentFields"];
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
    listUserGrantsBySource: {
        parameters: {
            query?: {
                /** @description Only grants of this source type */
                source_type?: components["schemas"]["SourceType"];
                /** @description Page size: at most 100, 50 unless given */
                limit?: number;
                /** @description How many to skip (pagination) */
                offset?: components["schemas"]["Offset"];
            };
            header?: never;
            path: {
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
    getUserGrantSummary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
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
                    "application/json": components["schemas"]["GrantSummary"];
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
    getWallet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
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
            408: components["responses"]["Error408"];
            429: components["responses"]["Error429"];
            431: components["responses"]["Error431"];
            500: components["responses"]["Error500"];
            503: components["responses"]["Error503"];
        };
    };
}
