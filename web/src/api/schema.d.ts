// Generated from the server's OpenAPI document by `npm run api-types`: do not edit.
export interface paths {
    "/accounting": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's accounting settings, connection and mappings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connection: {
                                connectedAt: string | null;
                                lastError: string | null;
                                realmId: string | null;
                                /** @enum {string} */
                                state: "none" | "connecting" | "connected" | "reconnect";
                            };
                            expenseAccounts: {
                                accountId: string;
                                workCodeId: string;
                            }[];
                            settings: {
                                /** @description the books' default expense account id */
                                expenseAccountId: string | null;
                                /** @description which side leads each list */
                                leads: {
                                    /** @enum {string} */
                                    customers: "firmtime" | "accounting";
                                    /** @enum {string} */
                                    employees: "firmtime" | "accounting";
                                    /** @enum {string} */
                                    vendors: "firmtime" | "accounting";
                                };
                                /**
                                 * @description jobs: client → customer, project → job (Client:Project), work code → service item; items: project → item
                                 * @enum {string}
                                 */
                                relationship: "jobs" | "items";
                                /** @enum {string} */
                                schedule: "off" | "nightly";
                                /** @description the nightly run's hour, UTC */
                                scheduleHour: number;
                                /**
                                 * @description QuickBooks Online, IIF files or an hledger journal
                                 * @enum {string}
                                 */
                                target: "qbo" | "iif" | "hledger";
                                updatedAt: string | null;
                            };
                            /** @description staff who are vendors in the books; the rest are employees */
                            vendorStaffIds: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounting/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where Intuit returns the browser after consent: stores the connection
         * @description Checks the state against the connect this firm started, exchanges the code for tokens, and sends the browser to the web app's Accounting page, with connected=1 or connectError.
         */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    error?: string;
                    error_description?: string;
                    realmId?: string;
                    state?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description no content */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounting/connect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start connecting QuickBooks Online: where to send the browser
         * @description Answers Intuit's consent page for this firm; after consent Intuit returns the browser to the server's one return address, GET /oauth/quickbooks/callback, which sends it on to GET /accounting/callback, which stores the connection. The page's address is good for 10 minutes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorizeUrl: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounting/connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Disconnect QuickBooks Online (the tokens are forgotten; links and history stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounting/expense-accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** The books' expense account for an expense work code (null: the default account) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accountId: string | null;
                    };
                };
            };
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounting/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The links between firmtime's records and the books' records */
        get: {
            parameters: {
                query?: {
                    localKind?: "staff" | "client" | "project" | "work_code";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                externalId: string;
                                /** @enum {string} */
                                externalKind: "employee" | "vendor" | "customer" | "item";
                                externalName: string;
                                linkedAt: string;
                                localId: string;
                                /** @enum {string} */
                                localKind: "staff" | "client" | "project" | "work_code";
                                localName: string;
                                syncedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounting/links/{localKind}/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Unlink a firmtime record from its record in the books
         * @description The next run links it again, by name, or creates it.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    localKind: "staff" | "client" | "project" | "work_code";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounting/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's runs, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description the last run of the previous page */
                    before?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                error: string | null;
                                fileName: string | null;
                                finishedAt: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "transfer" | "import" | "readiness" | "export";
                                options: {
                                    again?: boolean;
                                    /** @enum {string} */
                                    format?: "iif" | "hledger";
                                };
                                phase: string | null;
                                progress: {
                                    done: number;
                                    total: number;
                                };
                                requestedAt: string;
                                requestedBy: {
                                    email: string;
                                    id: string;
                                } | null;
                                scheduled: boolean;
                                startedAt: string | null;
                                /** @enum {string} */
                                status: "queued" | "running" | "done" | "failed" | "refused";
                                /** @description counts by "phase.outcome" */
                                summary: {
                                    [key: string]: number;
                                } | null;
                                /** @enum {string} */
                                target: "qbo" | "iif" | "hledger";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Ask for a transfer, an import, a readiness check or an export
         * @description Queued for `firmtime connector`, which checks the asker's right again when it runs it. Asking for a kind of run already waiting or running returns that run (200) instead of a new one (202).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description exports: include entries exported before */
                        again?: boolean;
                        /**
                         * @description exports: which file
                         * @enum {string}
                         */
                        format?: "iif" | "hledger";
                        /** @enum {string} */
                        kind: "transfer" | "import" | "readiness" | "export";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string | null;
                            fileName: string | null;
                            finishedAt: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "transfer" | "import" | "readiness" | "export";
                            options: {
                                again?: boolean;
                                /** @enum {string} */
                                format?: "iif" | "hledger";
                            };
                            phase: string | null;
                            progress: {
                                done: number;
                                total: number;
                            };
                            requestedAt: string;
                            requestedBy: {
                                email: string;
                                id: string;
                            } | null;
                            scheduled: boolean;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "queued" | "running" | "done" | "failed" | "refused";
                            /** @description counts by "phase.outcome" */
                            summary: {
                                [key: string]: number;
                            } | null;
                            /** @enum {string} */
                            target: "qbo" | "iif" | "hledger";
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string | null;
                            fileName: string | null;
                            finishedAt: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "transfer" | "import" | "readiness" | "export";
                            options: {
                                again?: boolean;
                                /** @enum {string} */
                                format?: "iif" | "hledger";
                            };
                            phase: string | null;
                            progress: {
                                done: number;
                                total: number;
                            };
                            requestedAt: string;
                            requestedBy: {
                                email: string;
                                id: string;
                            } | null;
                            scheduled: boolean;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "queued" | "running" | "done" | "failed" | "refused";
                            /** @description counts by "phase.outcome" */
                            summary: {
                                [key: string]: number;
                            } | null;
                            /** @enum {string} */
                            target: "qbo" | "iif" | "hledger";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounting/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One run */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string | null;
                            fileName: string | null;
                            finishedAt: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "transfer" | "import" | "readiness" | "export";
                            options: {
                                again?: boolean;
                                /** @enum {string} */
                                format?: "iif" | "hledger";
                            };
                            phase: string | null;
                            progress: {
                                done: number;
                                total: number;
                            };
                            requestedAt: string;
                            requestedBy: {
                                email: string;
                                id: string;
                            } | null;
                            scheduled: boolean;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "queued" | "running" | "done" | "failed" | "refused";
                            /** @description counts by "phase.outcome" */
                            summary: {
                                [key: string]: number;
                            } | null;
                            /** @enum {string} */
                            target: "qbo" | "iif" | "hledger";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounting/runs/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An export run's file (IIF or hledger journal), as an attachment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the file's text */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounting/runs/{id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a run moved, refused, skipped or left waiting, and why */
        get: {
            parameters: {
                query?: {
                    /** @description the last seq of the previous page */
                    after?: number;
                    limit?: number;
                    outcome?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                externalId: string | null;
                                localId: string | null;
                                localKind: string | null;
                                message: string;
                                name: string;
                                outcome: string;
                                phase: string;
                                seq: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounting/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the firm's accounting settings
         * @description Only the fields given change. The relationship cannot change while projects or work codes are linked.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        expenseAccountId?: string | null;
                        leads?: {
                            /** @enum {string} */
                            customers?: "firmtime" | "accounting";
                            /** @enum {string} */
                            employees?: "firmtime" | "accounting";
                            /** @enum {string} */
                            vendors?: "firmtime" | "accounting";
                        };
                        /**
                         * @description jobs: client → customer, project → job (Client:Project), work code → service item; items: project → item
                         * @enum {string}
                         */
                        relationship?: "jobs" | "items";
                        /** @enum {string} */
                        schedule?: "off" | "nightly";
                        scheduleHour?: number;
                        /**
                         * @description QuickBooks Online, IIF files or an hledger journal
                         * @enum {string}
                         */
                        target?: "qbo" | "iif" | "hledger";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the books' default expense account id */
                            expenseAccountId: string | null;
                            /** @description which side leads each list */
                            leads: {
                                /** @enum {string} */
                                customers: "firmtime" | "accounting";
                                /** @enum {string} */
                                employees: "firmtime" | "accounting";
                                /** @enum {string} */
                                vendors: "firmtime" | "accounting";
                            };
                            /**
                             * @description jobs: client → customer, project → job (Client:Project), work code → service item; items: project → item
                             * @enum {string}
                             */
                            relationship: "jobs" | "items";
                            /** @enum {string} */
                            schedule: "off" | "nightly";
                            /** @description the nightly run's hour, UTC */
                            scheduleHour: number;
                            /**
                             * @description QuickBooks Online, IIF files or an hledger journal
                             * @enum {string}
                             */
                            target: "qbo" | "iif" | "hledger";
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/accounting/workers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Whether a staff member is an employee or a vendor (contractor) in the books */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "employee" | "vendor";
                    };
                };
            };
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/approvals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One approval */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            comment: string | null;
                            contact: {
                                id: string;
                                name: string;
                            };
                            decidedAt: string | null;
                            decidedBy: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description the address the decision came from */
                            decidedFrom: string | null;
                            file: {
                                id: string;
                                name: string;
                            };
                            id: string;
                            message: string;
                            /** @description a newer version of the file exists than the one asked about */
                            newerVersion: boolean;
                            requestedAt: string;
                            requestedBy: {
                                id: string;
                                name: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "approved" | "declined" | "cancelled";
                            version: {
                                fileName: string;
                                id: string;
                                sha256: string;
                                version: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/approvals/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a pending request for approval */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            comment: string | null;
                            contact: {
                                id: string;
                                name: string;
                            };
                            decidedAt: string | null;
                            decidedBy: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description the address the decision came from */
                            decidedFrom: string | null;
                            file: {
                                id: string;
                                name: string;
                            };
                            id: string;
                            message: string;
                            /** @description a newer version of the file exists than the one asked about */
                            newerVersion: boolean;
                            requestedAt: string;
                            requestedBy: {
                                id: string;
                                name: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "approved" | "declined" | "cancelled";
                            version: {
                                fileName: string;
                                id: string;
                                sha256: string;
                                version: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/approvals/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve or decline (the contact asked, once)
         * @description Only the contact asked, while it is pending; declining needs a comment. Keeps who, when and the address the decision came from; nothing changes it afterwards (409).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        comment?: string;
                        /** @enum {string} */
                        decision: "approved" | "declined";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            comment: string | null;
                            contact: {
                                id: string;
                                name: string;
                            };
                            decidedAt: string | null;
                            decidedBy: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description the address the decision came from */
                            decidedFrom: string | null;
                            file: {
                                id: string;
                                name: string;
                            };
                            id: string;
                            message: string;
                            /** @description a newer version of the file exists than the one asked about */
                            newerVersion: boolean;
                            requestedAt: string;
                            requestedBy: {
                                id: string;
                                name: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "approved" | "declined" | "cancelled";
                            version: {
                                fileName: string;
                                id: string;
                                sha256: string;
                                version: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Role assignments: on one entity for whoever may share it, firm-wide with roles:R */
        get: {
            parameters: {
                query?: {
                    /** @description assignments on this client and its items (for whoever may share it) */
                    entityId?: string;
                    limit?: number;
                    offset?: number;
                    principalId?: string;
                    scope?: "system" | "entity" | "item";
                    /** @description the order (default createdAt): createdAt: when it was made; role: the role's name, case-insensitive. A leading - reverses it; ties are broken by id. */
                    sort?: "createdAt" | "role" | "-createdAt" | "-role";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                entityId: string | null;
                                id: string;
                                itemId: string | null;
                                principalId: string;
                                /** @enum {string} */
                                principalKind: "user" | "staff_group" | "contact_group";
                                roleId: string;
                                roleName: string;
                                /** @enum {string} */
                                scope: "system" | "entity" | "item";
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Assign a role (system scope: roles:A; entity or item: entities:A, or S for a role one holds there) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the client, for entity and item scope */
                        entityId?: string | null;
                        /** @description the item (a project of the client), for item scope */
                        itemId?: string | null;
                        /**
                         * Format: uuid
                         * @description a user, staff group or contact group of this firm
                         */
                        principalId: string;
                        /** @enum {string} */
                        principalKind: "user" | "staff_group" | "contact_group";
                        /** Format: uuid */
                        roleId: string;
                        /** @enum {string} */
                        scope: "system" | "entity" | "item";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            entityId: string | null;
                            id: string;
                            itemId: string | null;
                            principalId: string;
                            /** @enum {string} */
                            principalKind: "user" | "staff_group" | "contact_group";
                            roleId: string;
                            roleName: string;
                            /** @enum {string} */
                            scope: "system" | "entity" | "item";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assignments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a role assignment, under the same rules as giving it */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assignments/inherited": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles users hold on a client without a direct grant there, and where each comes from
         * @description Through a group given a role on the client, a firm-wide role, or being the client's partner or manager. For whoever may see how the client is shared (roles:R, or A or S on it).
         */
        get: {
            parameters: {
                query: {
                    /** @description the client */
                    entityId: string;
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description the assignment that gives it, to change there */
                                assignmentId: string | null;
                                email: string;
                                groupId: string | null;
                                groupKind: ("staff_group" | "contact_group") | null;
                                groupName: string | null;
                                itemId: string | null;
                                /** @description the staff member's or contact's name */
                                name: string;
                                /** @description null for the implied Editor of the partner and manager */
                                roleId: string | null;
                                roleName: string;
                                /** @enum {string} */
                                scope: "system" | "entity" | "item";
                                /**
                                 * @description group: given on the client to a group the user is in; firm-wide: a system-scope role reaching client content; partner, manager: the client's, an implied Editor
                                 * @enum {string}
                                 */
                                source: "group" | "firm-wide" | "partner" | "manager";
                                /** @enum {string} */
                                status: "invited" | "active";
                                userId: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate an invited account: set its first password with the emailed link's token
         * @description An unknown, used or expired token answers 410 LINK_INVALID, the same for all three.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/firm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm at this address, for its sign-in page (its name and slug; 404 if none) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description served by firmtime desktop on a firm file; null on the cloud */
                            desktop: {
                                /** @description false: the first run turns protection on */
                                protected: boolean;
                            } | null;
                            name: string;
                            slug: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in; sets the session cookie and returns the CSRF token to send on changes. An unknown email and a wrong password answer alike; the 11th failure within 15 minutes on one email (or the 101st from one address) answers 429 RATE_LIMITED.
         * @description When the user has two-factor sign-in, or the firm requires it and the user has none, the answer is 202 with a short-lived challenge instead of a session: send it with a code to POST /auth/login/two-factor (twoFactor: code), or enrol with it first (twoFactor: enrol: POST /auth/login/two-factor/enrolment, then .../enrolment/confirm).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            expiresAt: string;
                            user: {
                                contactId: string | null;
                                csrfToken: string | null;
                                email: string;
                                firm: {
                                    currency: string;
                                    id: string;
                                    /** @description entries on or before it are locked */
                                    lockDate: string | null;
                                    /** @description decimal places of the currency's minor unit */
                                    minorDigits: number;
                                    name: string;
                                    slug: string | null;
                                    /** @description minutes every time entry is rounded up to */
                                    timeIncrement: number;
                                };
                                id: string;
                                name: string;
                                permissions: {
                                    [key: string]: {
                                        firm: string;
                                        some: string;
                                    };
                                };
                                /** @description a session opened by a request email's link: the one file request it may reach */
                                requestOnly: string | null;
                                /** @description may approve or return others' entries on at least one client (a role or a partner / manager post) */
                                reviewer: boolean;
                                staffId: string | null;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description send it back with the second step; it works once, until expiresAt */
                            challenge: string;
                            expiresAt: string;
                            /**
                             * @description code: send a code (or a recovery code); enrol: the firm requires two-factor sign-in, enrol first
                             * @enum {string}
                             */
                            twoFactor: "code" | "enrol";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in, second step: the challenge with a code from the app or a recovery code
         * @description A recovery code is used up. Every failure answers 401 UNAUTHENTICATED "the code is wrong or already used, or this sign-in has expired" and counts against the sign-in rate limits (429 RATE_LIMITED).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the challenge POST /auth/login answered with */
                        challenge: string;
                        /** @description the 6-digit code the authenticator app shows now */
                        code: string;
                    } | {
                        /** @description the challenge POST /auth/login answered with */
                        challenge: string;
                        /** @description one of the recovery codes, each usable once */
                        recoveryCode: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            expiresAt: string;
                            user: {
                                contactId: string | null;
                                csrfToken: string | null;
                                email: string;
                                firm: {
                                    currency: string;
                                    id: string;
                                    /** @description entries on or before it are locked */
                                    lockDate: string | null;
                                    /** @description decimal places of the currency's minor unit */
                                    minorDigits: number;
                                    name: string;
                                    slug: string | null;
                                    /** @description minutes every time entry is rounded up to */
                                    timeIncrement: number;
                                };
                                id: string;
                                name: string;
                                permissions: {
                                    [key: string]: {
                                        firm: string;
                                        some: string;
                                    };
                                };
                                /** @description a session opened by a request email's link: the one file request it may reach */
                                requestOnly: string | null;
                                /** @description may approve or return others' entries on at least one client (a role or a partner / manager post) */
                                reviewer: boolean;
                                staffId: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login/two-factor/enrolment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in, enrolment the firm requires: a new key for the authenticator app
         * @description With an enrol challenge. Every failure answers 401 UNAUTHENTICATED "the code is wrong or already used, or this sign-in has expired" and counts against the sign-in rate limits (429 RATE_LIMITED).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the challenge POST /auth/login answered with */
                        challenge: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description otpauth://totp/... for the QR code */
                            otpauthUri: string;
                            /** @description the same key in base32, to type into an app by hand; shown only until confirmed */
                            secret: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login/two-factor/enrolment/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in, enrolment: confirm with a code; opens the session and shows the recovery codes once
         * @description Every failure answers 401 UNAUTHENTICATED "the code is wrong or already used, or this sign-in has expired" and counts against the sign-in rate limits (429 RATE_LIMITED).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the challenge POST /auth/login answered with */
                        challenge: string;
                        /** @description the 6-digit code the authenticator app shows now */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            expiresAt: string;
                            /** @description 10 single-use codes, shown only now */
                            recoveryCodes: string[];
                            user: {
                                contactId: string | null;
                                csrfToken: string | null;
                                email: string;
                                firm: {
                                    currency: string;
                                    id: string;
                                    /** @description entries on or before it are locked */
                                    lockDate: string | null;
                                    /** @description decimal places of the currency's minor unit */
                                    minorDigits: number;
                                    name: string;
                                    slug: string | null;
                                    /** @description minutes every time entry is rounded up to */
                                    timeIncrement: number;
                                };
                                id: string;
                                name: string;
                                permissions: {
                                    [key: string]: {
                                        firm: string;
                                        some: string;
                                    };
                                };
                                /** @description a session opened by a request email's link: the one file request it may reach */
                                requestOnly: string | null;
                                /** @description may approve or return others' entries on at least one client (a role or a partner / manager post) */
                                reviewer: boolean;
                                staffId: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactId: string | null;
                            csrfToken: string | null;
                            email: string;
                            firm: {
                                currency: string;
                                id: string;
                                /** @description entries on or before it are locked */
                                lockDate: string | null;
                                /** @description decimal places of the currency's minor unit */
                                minorDigits: number;
                                name: string;
                                slug: string | null;
                                /** @description minutes every time entry is rounded up to */
                                timeIncrement: number;
                            };
                            id: string;
                            name: string;
                            permissions: {
                                [key: string]: {
                                    firm: string;
                                    some: string;
                                };
                            };
                            /** @description a session opened by a request email's link: the one file request it may reach */
                            requestOnly: string | null;
                            /** @description may approve or return others' entries on at least one client (a role or a partner / manager post) */
                            reviewer: boolean;
                            staffId: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change one's own password; ends one's other sessions */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for a password-reset link by email; answers 202 alike whether the email exists */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with a reset link's token; ends every session of the account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/request-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open a file request from its email's link; sets a session cookie for that request only
         * @description The token of the link in a file request's email (or a reminder's). It works once, until it expires; a spent, expired or unknown token answers 410 LINK_INVALID. The session reaches that request only (every other route answers 403) and never changes a password: for anything else the contact signs in with their password. A contact with two-factor sign-in (or whom the firm requires to have it) answers 202 with a challenge, as at sign-in: the second step's session then reaches that request only.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            expiresAt: string;
                            requestId: string;
                            user: {
                                contactId: string | null;
                                csrfToken: string | null;
                                email: string;
                                firm: {
                                    currency: string;
                                    id: string;
                                    /** @description entries on or before it are locked */
                                    lockDate: string | null;
                                    /** @description decimal places of the currency's minor unit */
                                    minorDigits: number;
                                    name: string;
                                    slug: string | null;
                                    /** @description minutes every time entry is rounded up to */
                                    timeIncrement: number;
                                };
                                id: string;
                                name: string;
                                permissions: {
                                    [key: string]: {
                                        firm: string;
                                        some: string;
                                    };
                                };
                                /** @description a session opened by a request email's link: the one file request it may reach */
                                requestOnly: string | null;
                                /** @description may approve or return others' entries on at least one client (a role or a partner / manager post) */
                                reviewer: boolean;
                                staffId: string | null;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description send it back with the second step; it works once, until expiresAt */
                            challenge: string;
                            expiresAt: string;
                            requestId: string;
                            /**
                             * @description code: send a code (or a recovery code); enrol: the firm requires two-factor sign-in, enrol first
                             * @enum {string}
                             */
                            twoFactor: "code" | "enrol";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                revokedAt: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an API token acting for the caller; the token is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether one's own two-factor sign-in is on, and how many recovery codes are left */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            /** @description enrolment started, not yet confirmed with a code */
                            pending: boolean;
                            recoveryCodesLeft: number;
                            /** @description the firm requires two-factor sign-in for this kind of user */
                            required: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/two-factor/enrolment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start enrolling (again): a new key for the authenticator app; 409 once it is on */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description otpauth://totp/... for the QR code */
                            otpauthUri: string;
                            /** @description the same key in base32, to type into an app by hand; shown only until confirmed */
                            secret: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/two-factor/enrolment/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm enrolment with a code: two-factor sign-in is on; the recovery codes are shown once
         * @description A wrong code answers 400 and counts against the sign-in rate limits.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the 6-digit code the authenticator app shows now */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description 10 single-use codes, shown only now */
                            recoveryCodes: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/two-factor/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New recovery codes (the old ones stop working), with a current code; shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the 6-digit code the authenticator app shows now */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description 10 single-use codes, shown only now */
                            recoveryCodes: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/two-factor/turn-off": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn one's own two-factor sign-in off with a current code; ends one's other sessions
         * @description 409 TWO_FACTOR_REQUIRED while the firm requires it for this kind of user.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the 6-digit code the authenticator app shows now */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the clients the caller may read */
        get: {
            parameters: {
                query?: {
                    /** @description exactly this client code, case-insensitive */
                    code?: string;
                    limit?: number;
                    offset?: number;
                    /** @description case-insensitive; matches code or name containing it (empty: no search) */
                    search?: string;
                    /** @description the order (default code): code: the client's code; name: the name, case-insensitive; createdAt: when it was added. A leading - reverses it; ties are broken by id. */
                    sort?: "code" | "name" | "createdAt" | "-code" | "-name" | "-createdAt";
                    status?: "active" | "inactive";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                address: string;
                                code: string;
                                contactCompanyId: string | null;
                                createdAt: string;
                                id: string;
                                managerId: string | null;
                                name: string;
                                notes: string;
                                partnerId: string | null;
                                /** @enum {string} */
                                status: "active" | "inactive";
                                updatedAt: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string;
                        code: string;
                        contactCompanyId?: string | null;
                        managerId?: string | null;
                        name: string;
                        notes?: string;
                        partnerId?: string | null;
                        /** @enum {string} */
                        status?: "active" | "inactive";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            code: string;
                            contactCompanyId: string | null;
                            createdAt: string;
                            id: string;
                            managerId: string | null;
                            name: string;
                            notes: string;
                            partnerId: string | null;
                            /** @enum {string} */
                            status: "active" | "inactive";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            code: string;
                            contactCompanyId: string | null;
                            createdAt: string;
                            id: string;
                            managerId: string | null;
                            name: string;
                            notes: string;
                            partnerId: string | null;
                            /** @enum {string} */
                            status: "active" | "inactive";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string;
                        code?: string;
                        contactCompanyId?: string | null;
                        managerId?: string | null;
                        name?: string;
                        notes?: string;
                        partnerId?: string | null;
                        /** @enum {string} */
                        status?: "active" | "inactive";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            code: string;
                            contactCompanyId: string | null;
                            createdAt: string;
                            id: string;
                            managerId: string | null;
                            name: string;
                            notes: string;
                            partnerId: string | null;
                            /** @enum {string} */
                            status: "active" | "inactive";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/clients/{id}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What happened with a client in the portal, in order
         * @description Requests, uploads, downloads, shares, comments and approvals. Staff with Viewer rights on the client see all of it; a contact who reaches the client sees what concerns them (what is shared with every contact, the requests sent to them, and what was addressed to them).
         */
        get: {
            parameters: {
                query?: {
                    fileId?: string;
                    limit?: number;
                    offset?: number;
                    order?: "oldest" | "newest";
                    requestId?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                actorName: string;
                                at: string;
                                fileId: string | null;
                                id: string;
                                kind: string;
                                requestId: string | null;
                                summary: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clients/{id}/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client's approvals, a page at a time
         * @description Staff who read the client's files see all; a contact sees those asked of them.
         */
        get: {
            parameters: {
                query?: {
                    /** @description only those of this file */
                    fileId?: string;
                    limit?: number;
                    offset?: number;
                    /** @description the order (default -requestedAt): requestedAt: when it was asked. A leading - reverses it; ties are broken by id. */
                    sort?: "requestedAt" | "-requestedAt";
                    /** @description only those with this status */
                    status?: "pending" | "approved" | "declined" | "cancelled";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                clientId: string;
                                comment: string | null;
                                contact: {
                                    id: string;
                                    name: string;
                                };
                                decidedAt: string | null;
                                decidedBy: {
                                    id: string;
                                    name: string;
                                } | null;
                                /** @description the address the decision came from */
                                decidedFrom: string | null;
                                file: {
                                    id: string;
                                    name: string;
                                };
                                id: string;
                                message: string;
                                /** @description a newer version of the file exists than the one asked about */
                                newerVersion: boolean;
                                requestedAt: string;
                                requestedBy: {
                                    id: string;
                                    name: string;
                                };
                                /** @enum {string} */
                                status: "pending" | "approved" | "declined" | "cancelled";
                                version: {
                                    fileName: string;
                                    id: string;
                                    sha256: string;
                                    version: number;
                                };
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clients/{id}/file-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask a client's contacts for documents
         * @description Needs Viewer rights on the client (activities:R). Recipients are contacts with portal access to the client; each gets an email with a link that signs them in to this request. Only Entity Collaborators can upload. An item that asks to update or sign a file names a shared or client file of the client.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        description?: string;
                        /**
                         * @description added to the email when the firm's detailed notifications are on
                         * @default
                         */
                        emailMessage?: string;
                        items: {
                            /**
                             * @default upload
                             * @enum {string}
                             */
                            action?: "upload" | "update" | "sign";
                            /**
                             * @description YYYY-MM-DD
                             * @default null
                             */
                            dueDate?: string | null;
                            /**
                             * @description a shared or client file of the entity
                             * @default null
                             */
                            fileId?: string | null;
                            title: string;
                        }[];
                        /** @description contact ids; each must reach the client */
                        recipients: string[];
                        /**
                         * @description every N days, at most M times, while the client still owes an answer
                         * @default null
                         */
                        reminders?: {
                            everyDays: number;
                            max: number;
                        } | null;
                        subject: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client: {
                                code: string;
                                id: string;
                                name: string;
                            };
                            closedAt: string | null;
                            createdAt: string;
                            createdBy: {
                                id: string;
                                name: string;
                            };
                            description: string;
                            emailMessage: string;
                            id: string;
                            items: {
                                /**
                                 * @description upload a document, or update or sign the attached file
                                 * @enum {string}
                                 */
                                action: "upload" | "update" | "sign";
                                closedAt: string | null;
                                comments: {
                                    author: {
                                        id: string;
                                        name: string;
                                        /** @enum {string} */
                                        side: "staff" | "contact";
                                    };
                                    body: string;
                                    createdAt: string;
                                    id: string;
                                }[];
                                dueDate: string | null;
                                /** @description the entity's file to update or sign */
                                file: {
                                    id: string;
                                    name: string;
                                } | null;
                                id: string;
                                position: number;
                                respondedAt: string | null;
                                /** @enum {string} */
                                status: "open" | "responded" | "completed" | "cancelled";
                                title: string;
                                updatedAt: string;
                                uploads: {
                                    fileId: string;
                                    fileName: string;
                                    mediaType: string;
                                    sha256: string;
                                    size: number;
                                    uploadedAt: string;
                                    uploadedBy: {
                                        id: string;
                                        name: string;
                                    };
                                    version: number;
                                    versionId: string;
                                }[];
                            }[];
                            recipients: {
                                contactId: string;
                                name: string;
                            }[];
                            reminders: {
                                everyDays: number | null;
                                max: number;
                                nextAt: string | null;
                                sent: number;
                            };
                            respondedAt: string | null;
                            /** @enum {string} */
                            status: "open" | "responded" | "completed" | "cancelled";
                            subject: string;
                            updatedAt: string;
                            you: {
                                mayComment: boolean;
                                mayManage: boolean;
                                mayUpload: boolean;
                                /** @enum {string} */
                                side: "staff" | "contact";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clients/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client's files
         * @description Staff with files:R on the client see all three kinds; a contact who reaches the client sees the files the firm shared and those the client uploaded, never firm-only ones.
         */
        get: {
            parameters: {
                query?: {
                    /** @description only the files in this folder, or `root` for those in no folder; absent: every file */
                    folderId?: string | "root";
                    /** @description firm: firm-only; shared: shared by the firm with the client's contacts; client: uploaded by the client */
                    kind?: "firm" | "shared" | "client";
                    limit?: number;
                    offset?: number;
                    /** @description the order (default name): name: the name, case-insensitive; updatedAt: last change. A leading - reverses it; ties are broken by id. */
                    sort?: "name" | "updatedAt" | "-name" | "-updatedAt";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                clientId: string;
                                createdAt: string;
                                current: {
                                    /** @description as uploaded, for display only */
                                    fileName: string;
                                    id: string;
                                    /** @description detected from the content */
                                    mediaType: string;
                                    /** @description the file request item this upload answered */
                                    requestItemId: string | null;
                                    sha256: string;
                                    size: number;
                                    uploadedAt: string;
                                    uploadedBy: {
                                        id: string;
                                        name: string;
                                    };
                                    version: number;
                                };
                                folderId: string | null;
                                id: string;
                                /**
                                 * @description firm: firm-only; shared: shared by the firm with the client's contacts; client: uploaded by the client
                                 * @enum {string}
                                 */
                                kind: "firm" | "shared" | "client";
                                name: string;
                                updatedAt: string;
                                versions?: {
                                    /** @description as uploaded, for display only */
                                    fileName: string;
                                    id: string;
                                    /** @description detected from the content */
                                    mediaType: string;
                                    /** @description the file request item this upload answered */
                                    requestItemId: string | null;
                                    sha256: string;
                                    size: number;
                                    uploadedAt: string;
                                    uploadedBy: {
                                        id: string;
                                        name: string;
                                    };
                                    version: number;
                                }[];
                                you: {
                                    mayDelete: boolean;
                                    mayEdit: boolean;
                                    mayVersion: boolean;
                                };
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                            /** @description what the caller may do in the client's files as a whole (files carry their own) */
                            you: {
                                folders: {
                                    create: boolean;
                                    delete: boolean;
                                    edit: boolean;
                                };
                                /** @description the kinds of file the caller may add to the client */
                                mayAdd: ("firm" | "shared" | "client")[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a file to a client
         * @description Staff (files:C) add firm-only (the default) or shared files; a contact who collaborates on the client adds the client's own. The form's `kind` and `folderId` fields come before the file (the query may carry them instead). Accepted by content: PDF, JPEG photo, PNG image, HEIC photo, HEIF photo, WebP image, TIFF scan, Word document, Excel workbook, PowerPoint presentation, OpenDocument text, OpenDocument spreadsheet, older Word or Excel document; at most the server's upload limit.
         */
        post: {
            parameters: {
                query?: {
                    folderId?: string;
                    /** @description firm: firm-only; shared: shared by the firm with the client's contacts; client: uploaded by the client */
                    kind?: "firm" | "shared" | "client";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description the fields `kind` and `folderId` (optional) first, then one file in the field `file`; fields after the file are not read */
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /** Format: binary */
                        file: string;
                        /**
                         * Format: uuid
                         * @description a folder of the client to file it in
                         */
                        folderId?: string;
                        /**
                         * @description staff: firm (the default) or shared; a contact's files are always client
                         * @enum {string}
                         */
                        kind?: "firm" | "shared" | "client";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            createdAt: string;
                            current: {
                                /** @description as uploaded, for display only */
                                fileName: string;
                                id: string;
                                /** @description detected from the content */
                                mediaType: string;
                                /** @description the file request item this upload answered */
                                requestItemId: string | null;
                                sha256: string;
                                size: number;
                                uploadedAt: string;
                                uploadedBy: {
                                    id: string;
                                    name: string;
                                };
                                version: number;
                            };
                            folderId: string | null;
                            id: string;
                            /**
                             * @description firm: firm-only; shared: shared by the firm with the client's contacts; client: uploaded by the client
                             * @enum {string}
                             */
                            kind: "firm" | "shared" | "client";
                            name: string;
                            updatedAt: string;
                            versions?: {
                                /** @description as uploaded, for display only */
                                fileName: string;
                                id: string;
                                /** @description detected from the content */
                                mediaType: string;
                                /** @description the file request item this upload answered */
                                requestItemId: string | null;
                                sha256: string;
                                size: number;
                                uploadedAt: string;
                                uploadedBy: {
                                    id: string;
                                    name: string;
                                };
                                version: number;
                            }[];
                            you: {
                                mayDelete: boolean;
                                mayEdit: boolean;
                                mayVersion: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clients/{id}/folders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client's folders, flat, each naming its parent
         * @description Staff see every folder; a contact only those leading to a file they may see.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                clientId: string;
                                createdAt: string;
                                id: string;
                                name: string;
                                parentId: string | null;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Make a folder
         * @description Staff with files:C on the client. Names are unique among siblings, ignoring case.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @default null */
                        parentId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            createdAt: string;
                            id: string;
                            name: string;
                            parentId: string | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clients/{id}/portal-contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The contacts a file request on the client may go to
         * @description Contacts with a portal account (invited or active) who reach the client through a role given to them or to a contact group of theirs. Only collaborators may upload. Needs Viewer rights on the client.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                contactId: string;
                                email: string;
                                name: string;
                                /** @enum {string} */
                                role: "access" | "collaborator";
                                /** @enum {string} */
                                status: "invited" | "active";
                                userId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contact-companies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List contact companies */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    /** @description case-insensitive; matches name containing it (empty: no search) */
                    search?: string;
                    /** @description the order (default name): name: the name, case-insensitive; createdAt: when it was added. A leading - reverses it; ties are broken by id. */
                    sort?: "name" | "createdAt" | "-name" | "-createdAt";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                address: string;
                                createdAt: string;
                                id: string;
                                name: string;
                                updatedAt: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            createdAt: string;
                            id: string;
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contact-companies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            createdAt: string;
                            id: string;
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            createdAt: string;
                            id: string;
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/contact-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    /** @description case-insensitive; matches name containing it (empty: no search) */
                    search?: string;
                    /** @description the order (default name): name: the name, case-insensitive; createdAt: when it was added. A leading - reverses it; ties are broken by id. */
                    sort?: "name" | "createdAt" | "-name" | "-createdAt";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                id: string;
                                /** @description ids of the contacts in the group */
                                memberIds: string[];
                                name: string;
                                updatedAt: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            /** @description ids of the contacts in the group */
                            memberIds: string[];
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contact-groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            /** @description ids of the contacts in the group */
                            memberIds: string[];
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a contact group that carries no roles */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a contact group */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            /** @description ids of the contacts in the group */
                            memberIds: string[];
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/contact-groups/{id}/members/{contactId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Add a contact to the group */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contactId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            /** @description ids of the contacts in the group */
                            memberIds: string[];
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Take a contact out of the group */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contactId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List contacts: all with contacts:R, else only the caller's own contact record */
        get: {
            parameters: {
                query?: {
                    clientId?: string;
                    contactCompanyId?: string;
                    limit?: number;
                    offset?: number;
                    /** @description case-insensitive; matches first or last name, or email (with contact_details:R) containing it (empty: no search) */
                    search?: string;
                    /** @description the order (default name): name: last name, then first name, case-insensitive; firstName: first name, then last name, case-insensitive; createdAt: when it was added. A leading - reverses it; ties are broken by id. */
                    sort?: "name" | "firstName" | "createdAt" | "-name" | "-firstName" | "-createdAt";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description the linked clients the caller may read */
                                clientIds: string[];
                                contactCompanyId: string | null;
                                createdAt: string;
                                /** @description present with contact_details:R */
                                email?: string | null;
                                firstName: string;
                                id: string;
                                lastName: string;
                                /** @description present with contact_details:R */
                                mobilePhone?: string;
                                updatedAt: string;
                                /** @description present with contact_details:R */
                                workPhone?: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clientIds?: string[];
                        contactCompanyId?: string | null;
                        email?: string | null;
                        firstName: string;
                        lastName: string;
                        mobilePhone?: string;
                        workPhone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the linked clients the caller may read */
                            clientIds: string[];
                            contactCompanyId: string | null;
                            createdAt: string;
                            /** @description present with contact_details:R */
                            email?: string | null;
                            firstName: string;
                            id: string;
                            lastName: string;
                            /** @description present with contact_details:R */
                            mobilePhone?: string;
                            updatedAt: string;
                            /** @description present with contact_details:R */
                            workPhone?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A contact: with contacts:R, or the caller's own contact record */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the linked clients the caller may read */
                            clientIds: string[];
                            contactCompanyId: string | null;
                            createdAt: string;
                            /** @description present with contact_details:R */
                            email?: string | null;
                            firstName: string;
                            id: string;
                            lastName: string;
                            /** @description present with contact_details:R */
                            mobilePhone?: string;
                            updatedAt: string;
                            /** @description present with contact_details:R */
                            workPhone?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a contact; clientIds replaces the links to clients the caller may read */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clientIds?: string[];
                        contactCompanyId?: string | null;
                        email?: string | null;
                        firstName?: string;
                        lastName?: string;
                        mobilePhone?: string;
                        workPhone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the linked clients the caller may read */
                            clientIds: string[];
                            contactCompanyId: string | null;
                            createdAt: string;
                            /** @description present with contact_details:R */
                            email?: string | null;
                            firstName: string;
                            id: string;
                            lastName: string;
                            /** @description present with contact_details:R */
                            mobilePhone?: string;
                            updatedAt: string;
                            /** @description present with contact_details:R */
                            workPhone?: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/desktop/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-sent events: the merge state now and whenever it changes (firmtime desktop only)
         * @description A text/event-stream of `status` events, each one `data:` line holding the JSON of GET /desktop/status; comment lines keep the connection alive.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/event-stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/desktop/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merge with the cloud now; answers what the merge did, or a problem saying why it could not */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: {
                                cloudUrl: string | null;
                                /** @description open conflicts in the conflict log */
                                conflicts: number;
                                /** @description negative entries kept on this desktop, one open warning each */
                                held: number;
                                /** @enum {string} */
                                integration: "none" | "unfinished" | "finished";
                                lastMergeAt: string | null;
                                /** @description why the desktop is offline, or what waits, in words */
                                reason: string | null;
                                /** @description changes the cloud refused (the error log) */
                                refusals: number;
                                /** @enum {string} */
                                state: "Offline" | "Online" | "Merge notification" | "Merge conflicts";
                                /** @description cloud changes waiting to come down; null while offline */
                                waitingDown: number | null;
                                /** @description local changes waiting to go up; null if not integrated */
                                waitingUp: number | null;
                                /** @description merging is stopped by choice until turned back on */
                                workingOffline: boolean;
                            };
                            summary: {
                                conflicts: number;
                                epochChanged: boolean;
                                ownReplica?: string;
                                pulled: number;
                                pushed: number;
                                refused: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/desktop/offline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Work offline by choice (stop merging until turned back on), or go back online
         * @description The choice is kept in the firm file: it holds across restarts of firmtime desktop.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        offline: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cloudUrl: string | null;
                            /** @description open conflicts in the conflict log */
                            conflicts: number;
                            /** @description negative entries kept on this desktop, one open warning each */
                            held: number;
                            /** @enum {string} */
                            integration: "none" | "unfinished" | "finished";
                            lastMergeAt: string | null;
                            /** @description why the desktop is offline, or what waits, in words */
                            reason: string | null;
                            /** @description changes the cloud refused (the error log) */
                            refusals: number;
                            /** @enum {string} */
                            state: "Offline" | "Online" | "Merge notification" | "Merge conflicts";
                            /** @description cloud changes waiting to come down; null while offline */
                            waitingDown: number | null;
                            /** @description local changes waiting to go up; null if not integrated */
                            waitingUp: number | null;
                            /** @description merging is stopped by choice until turned back on */
                            workingOffline: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/desktop/protection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the firm file is protected, and while it is not, its staff to choose the Admin from
         * @description firmtime desktop only, from this computer (127.0.0.1).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            protected: boolean;
                            /** @description the file's staff, any of whom may become its Admin (empty once protected) */
                            staff: {
                                active: boolean;
                                /** @description the Admin signs in with it: staff without one cannot be chosen */
                                email: string | null;
                                id: string;
                                name: string;
                                staffNumber: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * First run: turn protection on, making a staff member the Admin with a password
         * @description Only while the file is unprotected (else STATUS_TRANSITION), on firmtime desktop, from this computer. Then sign in with the Admin's email and this password.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description on a file with no staff yet: the first staff member, who becomes the Admin */
                        newStaff?: {
                            email: string;
                            firstName: string;
                            lastName: string;
                            staffNumber: string;
                        };
                        password: string;
                        /**
                         * Format: uuid
                         * @description the staff member who becomes the Admin
                         */
                        staffId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            slug: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/desktop/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The desktop's merge state with its counts (firmtime desktop only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cloudUrl: string | null;
                            /** @description open conflicts in the conflict log */
                            conflicts: number;
                            /** @description negative entries kept on this desktop, one open warning each */
                            held: number;
                            /** @enum {string} */
                            integration: "none" | "unfinished" | "finished";
                            lastMergeAt: string | null;
                            /** @description why the desktop is offline, or what waits, in words */
                            reason: string | null;
                            /** @description changes the cloud refused (the error log) */
                            refusals: number;
                            /** @enum {string} */
                            state: "Offline" | "Online" | "Merge notification" | "Merge conflicts";
                            /** @description cloud changes waiting to come down; null while offline */
                            waitingDown: number | null;
                            /** @description local changes waiting to go up; null if not integrated */
                            waitingUp: number | null;
                            /** @description merging is stopped by choice until turned back on */
                            workingOffline: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entry-staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The staff members with entries the caller may read (e.g. submitted), by staff number
         * @description Names the authors of the entries a reviewer sees, and lists them to filter by, without staff:R. Filters narrow to entries of a kind, statuses and dates.
         */
        get: {
            parameters: {
                query?: {
                    /** @description first entry date */
                    from?: string;
                    /** @description one kind of entry; default both */
                    kind?: "time" | "expense";
                    limit?: number;
                    offset?: number;
                    /** @description case-insensitive; matches the staff number or a name containing it (empty: no search) */
                    search?: string;
                    /** @description statuses, comma-separated */
                    status?: string;
                    /** @description last entry date */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                firstName: string;
                                id: string;
                                lastName: string;
                                staffNumber: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/expense-entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the expense entries the caller may read: own, assigned clients', or all */
        get: {
            parameters: {
                query?: {
                    billable?: "true" | "false";
                    clientId?: string;
                    /** @description first entry date */
                    from?: string;
                    limit?: number;
                    offset?: number;
                    /** @description a project; its client is implied */
                    projectId?: string;
                    /** @description a leading - sorts descending */
                    sort?: "date" | "-date" | "amount" | "-amount" | "created" | "-created" | "staff" | "-staff";
                    staffId?: string;
                    /** @description statuses, comma-separated */
                    status?: string;
                    /** @description last entry date */
                    to?: string;
                    workCodeId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description minor units */
                                amount: number;
                                billable: boolean;
                                clientId: string;
                                createdAt: string;
                                date: string;
                                description: string;
                                id: string;
                                /** @description approved, billed or transferred, or dated on or before the firm's lock date: not editable */
                                locked: boolean;
                                projectId: string | null;
                                /** @description thousandths of a unit */
                                quantity: number;
                                rateSource: string;
                                receiptFile: string | null;
                                /** @description why a reviewer returned the entry to its staff member; null once submitted again */
                                reviewComment: string | null;
                                staff: {
                                    firstName: string;
                                    id: string;
                                    lastName: string;
                                    staffNumber: string;
                                };
                                staffId: string;
                                /** @enum {string} */
                                status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                                /** @description basis points */
                                surchargeBp: number;
                                /** @description ten-thousandths per unit */
                                unitRate: number;
                                updatedAt: string;
                                workCodeId: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record an expense: one's own, or another staff member's with a create right on the client */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description default: the work code's */
                        billable?: boolean;
                        /** Format: uuid */
                        clientId: string;
                        /** Format: date */
                        date: string;
                        description?: string;
                        projectId?: string | null;
                        /** @description thousandths of a unit; default 1 unit */
                        quantity?: number;
                        /**
                         * Format: uuid
                         * @description default: the caller's own staff record
                         */
                        staffId?: string;
                        /** @description basis points; default: the work code's */
                        surchargeBp?: number;
                        /** @description ten-thousandths per unit, as on a receipt; default: resolved from the rates */
                        unitRate?: number | null;
                        /** Format: uuid */
                        workCodeId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description minor units */
                            amount: number;
                            billable: boolean;
                            clientId: string;
                            createdAt: string;
                            date: string;
                            description: string;
                            id: string;
                            /** @description approved, billed or transferred, or dated on or before the firm's lock date: not editable */
                            locked: boolean;
                            projectId: string | null;
                            /** @description thousandths of a unit */
                            quantity: number;
                            rateSource: string;
                            receiptFile: string | null;
                            /** @description why a reviewer returned the entry to its staff member; null once submitted again */
                            reviewComment: string | null;
                            staffId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                            /** @description basis points */
                            surchargeBp: number;
                            /** @description ten-thousandths per unit */
                            unitRate: number;
                            updatedAt: string;
                            workCodeId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/expense-entries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description minor units */
                            amount: number;
                            billable: boolean;
                            clientId: string;
                            createdAt: string;
                            date: string;
                            description: string;
                            id: string;
                            /** @description approved, billed or transferred, or dated on or before the firm's lock date: not editable */
                            locked: boolean;
                            projectId: string | null;
                            /** @description thousandths of a unit */
                            quantity: number;
                            rateSource: string;
                            receiptFile: string | null;
                            /** @description why a reviewer returned the entry to its staff member; null once submitted again */
                            reviewComment: string | null;
                            staffId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                            /** @description basis points */
                            surchargeBp: number;
                            /** @description ten-thousandths per unit */
                            unitRate: number;
                            updatedAt: string;
                            workCodeId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description default: the work code's */
                        billable?: boolean;
                        /** Format: uuid */
                        clientId?: string;
                        /** Format: date */
                        date?: string;
                        description?: string;
                        projectId?: string | null;
                        /** @description thousandths of a unit; default 1 unit */
                        quantity?: number;
                        /**
                         * Format: uuid
                         * @description default: the caller's own staff record
                         */
                        staffId?: string;
                        /** @description basis points; default: the work code's */
                        surchargeBp?: number;
                        /** @description ten-thousandths per unit, as on a receipt; default: resolved from the rates */
                        unitRate?: number | null;
                        /** Format: uuid */
                        workCodeId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description minor units */
                            amount: number;
                            billable: boolean;
                            clientId: string;
                            createdAt: string;
                            date: string;
                            description: string;
                            id: string;
                            /** @description approved, billed or transferred, or dated on or before the firm's lock date: not editable */
                            locked: boolean;
                            projectId: string | null;
                            /** @description thousandths of a unit */
                            quantity: number;
                            rateSource: string;
                            receiptFile: string | null;
                            /** @description why a reviewer returned the entry to its staff member; null once submitted again */
                            reviewComment: string | null;
                            staffId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                            /** @description basis points */
                            surchargeBp: number;
                            /** @description ten-thousandths per unit */
                            unitRate: number;
                            updatedAt: string;
                            workCodeId: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/expense-entries/{id}/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an expense entry's receipts
         * @description Whoever may read the entry may list its receipts. Receipts stay on the server they were uploaded to: they are not merged between a desktop firm file and the cloud.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                entryId: string;
                                /** @description the uploader's name for the file, for display only */
                                fileName: string;
                                id: string;
                                /**
                                 * @description detected from the content
                                 * @enum {string}
                                 */
                                mediaType: "image/jpeg" | "image/png" | "image/heic" | "image/heif" | "image/webp" | "application/pdf";
                                /** @description hex SHA-256 of the bytes */
                                sha256: string;
                                /** @description bytes */
                                size: number;
                                uploadedAt: string;
                                uploadedBy: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Attach a receipt to an expense entry
         * @description A photo (JPEG, PNG, HEIC/HEIF, WebP) or a PDF, recognised by its content (not its name or declared type: anything else is 415 FILE_TYPE_NOT_ALLOWED), at most the server's upload limit (413 PAYLOAD_TOO_LARGE), 20 per entry. Needs the edit right on the entry, and the entry must be editable (not approved, billed or transferred, and dated after the lock date). Receipts stay on the server they were uploaded to: they are not merged between a desktop firm file and the cloud.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description one file in the field `file` */
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /** Format: binary */
                        file: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entryId: string;
                            /** @description the uploader's name for the file, for display only */
                            fileName: string;
                            id: string;
                            /**
                             * @description detected from the content
                             * @enum {string}
                             */
                            mediaType: "image/jpeg" | "image/png" | "image/heic" | "image/heif" | "image/webp" | "application/pdf";
                            /** @description hex SHA-256 of the bytes */
                            sha256: string;
                            /** @description bytes */
                            size: number;
                            uploadedAt: string;
                            uploadedBy: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/expense-entries/{id}/receipts/{receiptId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a receipt from an expense entry
         * @description Needs the edit right on the entry, and the entry must be editable. The file is removed from the file store once the record is gone.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    receiptId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/expense-entries/{id}/receipts/{receiptId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a receipt
         * @description Whoever may read the entry may download its receipts. Receipts stay on the server they were uploaded to: they are not merged between a desktop firm file and the cloud.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    receiptId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the receipt's bytes, as an attachment, typed as detected at upload */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "image/heic": string;
                        "image/heif": string;
                        "image/jpeg": string;
                        "image/png": string;
                        "image/webp": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/expense-entries/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move expense entries to a status, all or none
         * @description Submitting or recalling needs the edit right on the entry (one's own will do); approving, billing, transferring or un-approving needs it on the client's entries through a role or a partner / manager post. Returning another's submitted entry (status draft) needs a comment, which the staff member sees on the entry.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description with status draft: why the entries go back to their staff member (required when a reviewer returns another's submitted entry); cleared when they are submitted again */
                        comment?: string;
                        ids: string[];
                        /** @enum {string} */
                        status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            updated: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/file-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * File requests the caller may see
         * @description Staff: the requests of the clients they have Viewer rights on. A contact: the requests sent to them on clients they still reach.
         */
        get: {
            parameters: {
                query?: {
                    clientId?: string;
                    limit?: number;
                    offset?: number;
                    /** @description the order (default -createdAt): createdAt: when it was asked; updatedAt: when it last changed; subject: the subject. A leading - reverses it; ties are broken by id. */
                    sort?: "createdAt" | "updatedAt" | "subject" | "-createdAt" | "-updatedAt" | "-subject";
                    /** @description one status or several, comma-separated */
                    status?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                clientCode: string;
                                clientId: string;
                                clientName: string;
                                closedAt: string | null;
                                createdAt: string;
                                id: string;
                                items: {
                                    completed: number;
                                    open: number;
                                    responded: number;
                                    total: number;
                                };
                                respondedAt: string | null;
                                /** @enum {string} */
                                status: "open" | "responded" | "completed" | "cancelled";
                                subject: string;
                                updatedAt: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/file-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One file request with its items, uploads and comments
         * @description Opening it marks its news as seen for the caller (a digest leaves it out).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client: {
                                code: string;
                                id: string;
                                name: string;
                            };
                            closedAt: string | null;
                            createdAt: string;
                            createdBy: {
                                id: string;
                                name: string;
                            };
                            description: string;
                            emailMessage: string;
                            id: string;
                            items: {
                                /**
                                 * @description upload a document, or update or sign the attached file
                                 * @enum {string}
                                 */
                                action: "upload" | "update" | "sign";
                                closedAt: string | null;
                                comments: {
                                    author: {
                                        id: string;
                                        name: string;
                                        /** @enum {string} */
                                        side: "staff" | "contact";
                                    };
                                    body: string;
                                    createdAt: string;
                                    id: string;
                                }[];
                                dueDate: string | null;
                                /** @description the entity's file to update or sign */
                                file: {
                                    id: string;
                                    name: string;
                                } | null;
                                id: string;
                                position: number;
                                respondedAt: string | null;
                                /** @enum {string} */
                                status: "open" | "responded" | "completed" | "cancelled";
                                title: string;
                                updatedAt: string;
                                uploads: {
                                    fileId: string;
                                    fileName: string;
                                    mediaType: string;
                                    sha256: string;
                                    size: number;
                                    uploadedAt: string;
                                    uploadedBy: {
                                        id: string;
                                        name: string;
                                    };
                                    version: number;
                                    versionId: string;
                                }[];
                            }[];
                            recipients: {
                                contactId: string;
                                name: string;
                            }[];
                            reminders: {
                                everyDays: number | null;
                                max: number;
                                nextAt: string | null;
                                sent: number;
                            };
                            respondedAt: string | null;
                            /** @enum {string} */
                            status: "open" | "responded" | "completed" | "cancelled";
                            subject: string;
                            updatedAt: string;
                            you: {
                                mayComment: boolean;
                                mayManage: boolean;
                                mayUpload: boolean;
                                /** @enum {string} */
                                side: "staff" | "contact";
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/file-requests/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel the request
         * @description Staff running the request. Closes it: no more answers, comments or reminders; the recipients are told.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client: {
                                code: string;
                                id: string;
                                name: string;
                            };
                            closedAt: string | null;
                            createdAt: string;
                            createdBy: {
                                id: string;
                                name: string;
                            };
                            description: string;
                            emailMessage: string;
                            id: string;
                            items: {
                                /**
                                 * @description upload a document, or update or sign the attached file
                                 * @enum {string}
                                 */
                                action: "upload" | "update" | "sign";
                                closedAt: string | null;
                                comments: {
                                    author: {
                                        id: string;
                                        name: string;
                                        /** @enum {string} */
                                        side: "staff" | "contact";
                                    };
                                    body: string;
                                    createdAt: string;
                                    id: string;
                                }[];
                                dueDate: string | null;
                                /** @description the entity's file to update or sign */
                                file: {
                                    id: string;
                                    name: string;
                                } | null;
                                id: string;
                                position: number;
                                respondedAt: string | null;
                                /** @enum {string} */
                                status: "open" | "responded" | "completed" | "cancelled";
                                title: string;
                                updatedAt: string;
                                uploads: {
                                    fileId: string;
                                    fileName: string;
                                    mediaType: string;
                                    sha256: string;
                                    size: number;
                                    uploadedAt: string;
                                    uploadedBy: {
                                        id: string;
                                        name: string;
                                    };
                                    version: number;
                                    versionId: string;
                                }[];
                            }[];
                            recipients: {
                                contactId: string;
                                name: string;
                            }[];
                            reminders: {
                                everyDays: number | null;
                                max: number;
                                nextAt: string | null;
                                sent: number;
                            };
                            respondedAt: string | null;
                            /** @enum {string} */
                            status: "open" | "responded" | "completed" | "cancelled";
                            subject: string;
                            updatedAt: string;
                            you: {
                                mayComment: boolean;
                                mayManage: boolean;
                                mayUpload: boolean;
                                /** @enum {string} */
                                side: "staff" | "contact";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/file-requests/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete the whole request
         * @description Staff running the request. Closes it: no more answers, comments or reminders; the recipients are told.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client: {
                                code: string;
                                id: string;
                                name: string;
                            };
                            closedAt: string | null;
                            createdAt: string;
                            createdBy: {
                                id: string;
                                name: string;
                            };
                            description: string;
                            emailMessage: string;
                            id: string;
                            items: {
                                /**
                                 * @description upload a document, or update or sign the attached file
                                 * @enum {string}
                                 */
                                action: "upload" | "update" | "sign";
                                closedAt: string | null;
                                comments: {
                                    author: {
                                        id: string;
                                        name: string;
                                        /** @enum {string} */
                                        side: "staff" | "contact";
                                    };
                                    body: string;
                                    createdAt: string;
                                    id: string;
                                }[];
                                dueDate: string | null;
                                /** @description the entity's file to update or sign */
                                file: {
                                    id: string;
                                    name: string;
                                } | null;
                                id: string;
                                position: number;
                                respondedAt: string | null;
                                /** @enum {string} */
                                status: "open" | "responded" | "completed" | "cancelled";
                                title: string;
                                updatedAt: string;
                                uploads: {
                                    fileId: string;
                                    fileName: string;
                                    mediaType: string;
                                    sha256: string;
                                    size: number;
                                    uploadedAt: string;
                                    uploadedBy: {
                                        id: string;
                                        name: string;
                                    };
                                    version: number;
                                    versionId: string;
                                }[];
                            }[];
                            recipients: {
                                contactId: string;
                                name: string;
                            }[];
                            reminders: {
                                everyDays: number | null;
                                max: number;
                                nextAt: string | null;
                                sent: number;
                            };
                            respondedAt: string | null;
                            /** @enum {string} */
                            status: "open" | "responded" | "completed" | "cancelled";
                            subject: string;
                            updatedAt: string;
                            you: {
                                mayComment: boolean;
                                mayManage: boolean;
                                mayUpload: boolean;
                                /** @enum {string} */
                                side: "staff" | "contact";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/file-requests/{id}/items/{itemId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an item
         * @description Staff running the request.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    itemId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description optional note */
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client: {
                                code: string;
                                id: string;
                                name: string;
                            };
                            closedAt: string | null;
                            createdAt: string;
                            createdBy: {
                                id: string;
                                name: string;
                            };
                            description: string;
                            emailMessage: string;
                            id: string;
                            items: {
                                /**
                                 * @description upload a document, or update or sign the attached file
                                 * @enum {string}
                                 */
                                action: "upload" | "update" | "sign";
                                closedAt: string | null;
                                comments: {
                                    author: {
                                        id: string;
                                        name: string;
                                        /** @enum {string} */
                                        side: "staff" | "contact";
                                    };
                                    body: string;
                                    createdAt: string;
                                    id: string;
                                }[];
                                dueDate: string | null;
                                /** @description the entity's file to update or sign */
                                file: {
                                    id: string;
                                    name: string;
                                } | null;
                                id: string;
                                position: number;
                                respondedAt: string | null;
                                /** @enum {string} */
                                status: "open" | "responded" | "completed" | "cancelled";
                                title: string;
                                updatedAt: string;
                                uploads: {
                                    fileId: string;
                                    fileName: string;
                                    mediaType: string;
                                    sha256: string;
                                    size: number;
                                    uploadedAt: string;
                                    uploadedBy: {
                                        id: string;
                                        name: string;
                                    };
                                    version: number;
                                    versionId: string;
                                }[];
                            }[];
                            recipients: {
                                contactId: string;
                                name: string;
                            }[];
                            reminders: {
                                everyDays: number | null;
                                max: number;
                                nextAt: string | null;
                                sent: number;
                            };
                            respondedAt: string | null;
                            /** @enum {string} */
                            status: "open" | "responded" | "completed" | "cancelled";
                            subject: string;
                            updatedAt: string;
                            you: {
                                mayComment: boolean;
                                mayManage: boolean;
                                mayUpload: boolean;
                                /** @enum {string} */
                                side: "staff" | "contact";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/file-requests/{id}/items/{itemId}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Comment on an item
         * @description Staff running the request and its recipients; the other side is told by email.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    itemId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client: {
                                code: string;
                                id: string;
                                name: string;
                            };
                            closedAt: string | null;
                            createdAt: string;
                            createdBy: {
                                id: string;
                                name: string;
                            };
                            description: string;
                            emailMessage: string;
                            id: string;
                            items: {
                                /**
                                 * @description upload a document, or update or sign the attached file
                                 * @enum {string}
                                 */
                                action: "upload" | "update" | "sign";
                                closedAt: string | null;
                                comments: {
                                    author: {
                                        id: string;
                                        name: string;
                                        /** @enum {string} */
                                        side: "staff" | "contact";
                                    };
                                    body: string;
                                    createdAt: string;
                                    id: string;
                                }[];
                                dueDate: string | null;
                                /** @description the entity's file to update or sign */
                                file: {
                                    id: string;
                                    name: string;
                                } | null;
                                id: string;
                                position: number;
                                respondedAt: string | null;
                                /** @enum {string} */
                                status: "open" | "responded" | "completed" | "cancelled";
                                title: string;
                                updatedAt: string;
                                uploads: {
                                    fileId: string;
                                    fileName: string;
                                    mediaType: string;
                                    sha256: string;
                                    size: number;
                                    uploadedAt: string;
                                    uploadedBy: {
                                        id: string;
                                        name: string;
                                    };
                                    version: number;
                                    versionId: string;
                                }[];
                            }[];
                            recipients: {
                                contactId: string;
                                name: string;
                            }[];
                            reminders: {
                                everyDays: number | null;
                                max: number;
                                nextAt: string | null;
                                sent: number;
                            };
                            respondedAt: string | null;
                            /** @enum {string} */
                            status: "open" | "responded" | "completed" | "cancelled";
                            subject: string;
                            updatedAt: string;
                            you: {
                                mayComment: boolean;
                                mayManage: boolean;
                                mayUpload: boolean;
                                /** @enum {string} */
                                side: "staff" | "contact";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/file-requests/{id}/items/{itemId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an item
         * @description Staff running the request.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    itemId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description optional note */
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client: {
                                code: string;
                                id: string;
                                name: string;
                            };
                            closedAt: string | null;
                            createdAt: string;
                            createdBy: {
                                id: string;
                                name: string;
                            };
                            description: string;
                            emailMessage: string;
                            id: string;
                            items: {
                                /**
                                 * @description upload a document, or update or sign the attached file
                                 * @enum {string}
                                 */
                                action: "upload" | "update" | "sign";
                                closedAt: string | null;
                                comments: {
                                    author: {
                                        id: string;
                                        name: string;
                                        /** @enum {string} */
                                        side: "staff" | "contact";
                                    };
                                    body: string;
                                    createdAt: string;
                                    id: string;
                                }[];
                                dueDate: string | null;
                                /** @description the entity's file to update or sign */
                                file: {
                                    id: string;
                                    name: string;
                                } | null;
                                id: string;
                                position: number;
                                respondedAt: string | null;
                                /** @enum {string} */
                                status: "open" | "responded" | "completed" | "cancelled";
                                title: string;
                                updatedAt: string;
                                uploads: {
                                    fileId: string;
                                    fileName: string;
                                    mediaType: string;
                                    sha256: string;
                                    size: number;
                                    uploadedAt: string;
                                    uploadedBy: {
                                        id: string;
                                        name: string;
                                    };
                                    version: number;
                                    versionId: string;
                                }[];
                            }[];
                            recipients: {
                                contactId: string;
                                name: string;
                            }[];
                            reminders: {
                                everyDays: number | null;
                                max: number;
                                nextAt: string | null;
                                sent: number;
                            };
                            respondedAt: string | null;
                            /** @enum {string} */
                            status: "open" | "responded" | "completed" | "cancelled";
                            subject: string;
                            updatedAt: string;
                            you: {
                                mayComment: boolean;
                                mayManage: boolean;
                                mayUpload: boolean;
                                /** @enum {string} */
                                side: "staff" | "contact";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/file-requests/{id}/items/{itemId}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Return an answered item to the client, saying what is missing
         * @description Staff running the request.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    itemId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description required: what is missing */
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client: {
                                code: string;
                                id: string;
                                name: string;
                            };
                            closedAt: string | null;
                            createdAt: string;
                            createdBy: {
                                id: string;
                                name: string;
                            };
                            description: string;
                            emailMessage: string;
                            id: string;
                            items: {
                                /**
                                 * @description upload a document, or update or sign the attached file
                                 * @enum {string}
                                 */
                                action: "upload" | "update" | "sign";
                                closedAt: string | null;
                                comments: {
                                    author: {
                                        id: string;
                                        name: string;
                                        /** @enum {string} */
                                        side: "staff" | "contact";
                                    };
                                    body: string;
                                    createdAt: string;
                                    id: string;
                                }[];
                                dueDate: string | null;
                                /** @description the entity's file to update or sign */
                                file: {
                                    id: string;
                                    name: string;
                                } | null;
                                id: string;
                                position: number;
                                respondedAt: string | null;
                                /** @enum {string} */
                                status: "open" | "responded" | "completed" | "cancelled";
                                title: string;
                                updatedAt: string;
                                uploads: {
                                    fileId: string;
                                    fileName: string;
                                    mediaType: string;
                                    sha256: string;
                                    size: number;
                                    uploadedAt: string;
                                    uploadedBy: {
                                        id: string;
                                        name: string;
                                    };
                                    version: number;
                                    versionId: string;
                                }[];
                            }[];
                            recipients: {
                                contactId: string;
                                name: string;
                            }[];
                            reminders: {
                                everyDays: number | null;
                                max: number;
                                nextAt: string | null;
                                sent: number;
                            };
                            respondedAt: string | null;
                            /** @enum {string} */
                            status: "open" | "responded" | "completed" | "cancelled";
                            subject: string;
                            updatedAt: string;
                            you: {
                                mayComment: boolean;
                                mayManage: boolean;
                                mayUpload: boolean;
                                /** @enum {string} */
                                side: "staff" | "contact";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/file-requests/{id}/items/{itemId}/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer an item with a document
         * @description A contact who collaborates on the client (or staff filing a document for them). The document is filed with the client: a new version of the item's file when it asks to update or sign one, else a new file. Accepted by content: PDF, JPEG photo, PNG image, HEIC photo, HEIF photo, WebP image, TIFF scan, Word document, Excel workbook, PowerPoint presentation, OpenDocument text, OpenDocument spreadsheet, older Word or Excel document; at most the server's upload limit.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    itemId: string;
                };
                cookie?: never;
            };
            /** @description one file in the field `file` */
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /** Format: binary */
                        file: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client: {
                                code: string;
                                id: string;
                                name: string;
                            };
                            closedAt: string | null;
                            createdAt: string;
                            createdBy: {
                                id: string;
                                name: string;
                            };
                            description: string;
                            emailMessage: string;
                            id: string;
                            items: {
                                /**
                                 * @description upload a document, or update or sign the attached file
                                 * @enum {string}
                                 */
                                action: "upload" | "update" | "sign";
                                closedAt: string | null;
                                comments: {
                                    author: {
                                        id: string;
                                        name: string;
                                        /** @enum {string} */
                                        side: "staff" | "contact";
                                    };
                                    body: string;
                                    createdAt: string;
                                    id: string;
                                }[];
                                dueDate: string | null;
                                /** @description the entity's file to update or sign */
                                file: {
                                    id: string;
                                    name: string;
                                } | null;
                                id: string;
                                position: number;
                                respondedAt: string | null;
                                /** @enum {string} */
                                status: "open" | "responded" | "completed" | "cancelled";
                                title: string;
                                updatedAt: string;
                                uploads: {
                                    fileId: string;
                                    fileName: string;
                                    mediaType: string;
                                    sha256: string;
                                    size: number;
                                    uploadedAt: string;
                                    uploadedBy: {
                                        id: string;
                                        name: string;
                                    };
                                    version: number;
                                    versionId: string;
                                }[];
                            }[];
                            recipients: {
                                contactId: string;
                                name: string;
                            }[];
                            reminders: {
                                everyDays: number | null;
                                max: number;
                                nextAt: string | null;
                                sent: number;
                            };
                            respondedAt: string | null;
                            /** @enum {string} */
                            status: "open" | "responded" | "completed" | "cancelled";
                            subject: string;
                            updatedAt: string;
                            you: {
                                mayComment: boolean;
                                mayManage: boolean;
                                mayUpload: boolean;
                                /** @enum {string} */
                                side: "staff" | "contact";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/file-requests/{id}/remind": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remind the recipients now
         * @description Staff running the request, while the client still owes an answer. Outside the schedule: it does not use up the scheduled reminders.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client: {
                                code: string;
                                id: string;
                                name: string;
                            };
                            closedAt: string | null;
                            createdAt: string;
                            createdBy: {
                                id: string;
                                name: string;
                            };
                            description: string;
                            emailMessage: string;
                            id: string;
                            items: {
                                /**
                                 * @description upload a document, or update or sign the attached file
                                 * @enum {string}
                                 */
                                action: "upload" | "update" | "sign";
                                closedAt: string | null;
                                comments: {
                                    author: {
                                        id: string;
                                        name: string;
                                        /** @enum {string} */
                                        side: "staff" | "contact";
                                    };
                                    body: string;
                                    createdAt: string;
                                    id: string;
                                }[];
                                dueDate: string | null;
                                /** @description the entity's file to update or sign */
                                file: {
                                    id: string;
                                    name: string;
                                } | null;
                                id: string;
                                position: number;
                                respondedAt: string | null;
                                /** @enum {string} */
                                status: "open" | "responded" | "completed" | "cancelled";
                                title: string;
                                updatedAt: string;
                                uploads: {
                                    fileId: string;
                                    fileName: string;
                                    mediaType: string;
                                    sha256: string;
                                    size: number;
                                    uploadedAt: string;
                                    uploadedBy: {
                                        id: string;
                                        name: string;
                                    };
                                    version: number;
                                    versionId: string;
                                }[];
                            }[];
                            recipients: {
                                contactId: string;
                                name: string;
                            }[];
                            reminders: {
                                everyDays: number | null;
                                max: number;
                                nextAt: string | null;
                                sent: number;
                            };
                            respondedAt: string | null;
                            /** @enum {string} */
                            status: "open" | "responded" | "completed" | "cancelled";
                            subject: string;
                            updatedAt: string;
                            you: {
                                mayComment: boolean;
                                mayManage: boolean;
                                mayUpload: boolean;
                                /** @enum {string} */
                                side: "staff" | "contact";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A file with all its versions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            createdAt: string;
                            current: {
                                /** @description as uploaded, for display only */
                                fileName: string;
                                id: string;
                                /** @description detected from the content */
                                mediaType: string;
                                /** @description the file request item this upload answered */
                                requestItemId: string | null;
                                sha256: string;
                                size: number;
                                uploadedAt: string;
                                uploadedBy: {
                                    id: string;
                                    name: string;
                                };
                                version: number;
                            };
                            folderId: string | null;
                            id: string;
                            /**
                             * @description firm: firm-only; shared: shared by the firm with the client's contacts; client: uploaded by the client
                             * @enum {string}
                             */
                            kind: "firm" | "shared" | "client";
                            name: string;
                            updatedAt: string;
                            versions?: {
                                /** @description as uploaded, for display only */
                                fileName: string;
                                id: string;
                                /** @description detected from the content */
                                mediaType: string;
                                /** @description the file request item this upload answered */
                                requestItemId: string | null;
                                sha256: string;
                                size: number;
                                uploadedAt: string;
                                uploadedBy: {
                                    id: string;
                                    name: string;
                                };
                                version: number;
                            }[];
                            you: {
                                mayDelete: boolean;
                                mayEdit: boolean;
                                mayVersion: boolean;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a file and its versions
         * @description Staff with files:D; never a contact. A file that answered a request or was put up for approval stays (409 IN_USE): it is the record of it.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a file, move it to a folder, or share or stop sharing it
         * @description Staff with files:E. A file the client uploaded stays the client's.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description move it into this folder of the client; null: out of any */
                        folderId?: string | null;
                        /** @enum {string} */
                        kind?: "firm" | "shared";
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            createdAt: string;
                            current: {
                                /** @description as uploaded, for display only */
                                fileName: string;
                                id: string;
                                /** @description detected from the content */
                                mediaType: string;
                                /** @description the file request item this upload answered */
                                requestItemId: string | null;
                                sha256: string;
                                size: number;
                                uploadedAt: string;
                                uploadedBy: {
                                    id: string;
                                    name: string;
                                };
                                version: number;
                            };
                            folderId: string | null;
                            id: string;
                            /**
                             * @description firm: firm-only; shared: shared by the firm with the client's contacts; client: uploaded by the client
                             * @enum {string}
                             */
                            kind: "firm" | "shared" | "client";
                            name: string;
                            updatedAt: string;
                            versions?: {
                                /** @description as uploaded, for display only */
                                fileName: string;
                                id: string;
                                /** @description detected from the content */
                                mediaType: string;
                                /** @description the file request item this upload answered */
                                requestItemId: string | null;
                                sha256: string;
                                size: number;
                                uploadedAt: string;
                                uploadedBy: {
                                    id: string;
                                    name: string;
                                };
                                version: number;
                            }[];
                            you: {
                                mayDelete: boolean;
                                mayEdit: boolean;
                                mayVersion: boolean;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/files/{id}/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask a contact to approve a shared file's current version
         * @description Staff with the edit right on the client's files. The file must be shared; the contact must reach the client. The contact is emailed at once.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        contactId: string;
                        /** @default  */
                        message?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            comment: string | null;
                            contact: {
                                id: string;
                                name: string;
                            };
                            decidedAt: string | null;
                            decidedBy: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description the address the decision came from */
                            decidedFrom: string | null;
                            file: {
                                id: string;
                                name: string;
                            };
                            id: string;
                            message: string;
                            /** @description a newer version of the file exists than the one asked about */
                            newerVersion: boolean;
                            requestedAt: string;
                            requestedBy: {
                                id: string;
                                name: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "approved" | "declined" | "cancelled";
                            version: {
                                fileName: string;
                                id: string;
                                sha256: string;
                                version: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/files/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a file's current version
         * @description Whoever may read the file; the download is recorded in the client's history.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the version's bytes, as an attachment, typed as detected at upload */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "application/vnd.oasis.opendocument.spreadsheet": string;
                        "application/vnd.oasis.opendocument.text": string;
                        "application/vnd.openxmlformats-officedocument.presentationml.presentation": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                        "application/x-cfb": string;
                        "image/heic": string;
                        "image/heif": string;
                        "image/jpeg": string;
                        "image/png": string;
                        "image/tiff": string;
                        "image/webp": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/files/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a new version of a file
         * @description Staff with files:E; a collaborating contact on the client's own files. A shared file changes for a contact only through a file request that asks them to update or sign it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description one file in the field `file` */
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /** Format: binary */
                        file: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            createdAt: string;
                            current: {
                                /** @description as uploaded, for display only */
                                fileName: string;
                                id: string;
                                /** @description detected from the content */
                                mediaType: string;
                                /** @description the file request item this upload answered */
                                requestItemId: string | null;
                                sha256: string;
                                size: number;
                                uploadedAt: string;
                                uploadedBy: {
                                    id: string;
                                    name: string;
                                };
                                version: number;
                            };
                            folderId: string | null;
                            id: string;
                            /**
                             * @description firm: firm-only; shared: shared by the firm with the client's contacts; client: uploaded by the client
                             * @enum {string}
                             */
                            kind: "firm" | "shared" | "client";
                            name: string;
                            updatedAt: string;
                            versions?: {
                                /** @description as uploaded, for display only */
                                fileName: string;
                                id: string;
                                /** @description detected from the content */
                                mediaType: string;
                                /** @description the file request item this upload answered */
                                requestItemId: string | null;
                                sha256: string;
                                size: number;
                                uploadedAt: string;
                                uploadedBy: {
                                    id: string;
                                    name: string;
                                };
                                version: number;
                            }[];
                            you: {
                                mayDelete: boolean;
                                mayEdit: boolean;
                                mayVersion: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/files/{id}/versions/{versionId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download one version of a file
         * @description Whoever may read the file; the download is recorded in the client's history.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    versionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the version's bytes, as an attachment, typed as detected at upload */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "application/vnd.oasis.opendocument.spreadsheet": string;
                        "application/vnd.oasis.opendocument.text": string;
                        "application/vnd.openxmlformats-officedocument.presentationml.presentation": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                        "application/x-cfb": string;
                        "image/heic": string;
                        "image/heif": string;
                        "image/jpeg": string;
                        "image/png": string;
                        "image/tiff": string;
                        "image/webp": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/firm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's profile and settings; any signed-in user may read them */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            /** @description ISO 4217 code, fixed when the firm is created */
                            currency: string;
                            fiscalYearStartMonth: number;
                            id: string;
                            /** @description entries dated on or before it are locked */
                            lockDate: string | null;
                            minorDigits: number;
                            name: string;
                            protection: boolean;
                            slug: string | null;
                            /** @description minutes time is recorded in: 1, 6 or 15 */
                            timeIncrement: number;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the firm's name, time increment, lock date or fiscal year start */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fiscalYearStartMonth?: number;
                        /** @description null clears the lock date */
                        lockDate?: string | null;
                        name?: string;
                        timeIncrement?: 1 | 6 | 15;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            /** @description ISO 4217 code, fixed when the firm is created */
                            currency: string;
                            fiscalYearStartMonth: number;
                            id: string;
                            /** @description entries dated on or before it are locked */
                            lockDate: string | null;
                            minorDigits: number;
                            name: string;
                            protection: boolean;
                            slug: string | null;
                            /** @description minutes time is recorded in: 1, 6 or 15 */
                            timeIncrement: number;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/firm/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whom the firm requires to sign in with two factors */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description contact users must sign in with two factors */
                            contacts: boolean;
                            /** @description staff users must sign in with two factors */
                            staff: boolean;
                        };
                    };
                };
            };
        };
        /**
         * Require two-factor sign-in for staff, contacts, both or neither
         * @description Users without it enrol at their next sign-in; sessions already open stay open.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description contact users must sign in with two factors */
                        contacts: boolean;
                        /** @description staff users must sign in with two factors */
                        staff: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description contact users must sign in with two factors */
                            contacts: boolean;
                            /** @description staff users must sign in with two factors */
                            staff: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/folders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete an empty folder
         * @description Staff with files:D on the client; a folder that holds files or folders is refused (409 IN_USE).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename or move a folder
         * @description Staff with files:E on the client; never into itself or one of its subfolders.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        parentId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            createdAt: string;
                            id: string;
                            name: string;
                            parentId: string | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/imports/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import clients from delimited text, all rows or none
         * @description Needs entities:C at system scope.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description check and report, write nothing */
                        dryRun?: boolean;
                        /** @description import the good rows, report the bad ones */
                        skipBad?: boolean;
                        /** @description a header line, then one row per line; comma, tab, ; or | delimited */
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactCompaniesCreated: string[];
                            created: number;
                            dryRun: boolean;
                            /** @enum {string} */
                            kind: "workcodes" | "staff" | "clients" | "contacts" | "time" | "expenses";
                            problems: {
                                line: number;
                                reason: string;
                            }[];
                            rows: number;
                            skipped: {
                                line: number;
                                reason: string;
                            }[];
                            totals?: {
                                /** @description minor units */
                                amount: number;
                                minutes?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import contacts from delimited text, all rows or none
         * @description Needs contacts:C at system scope.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description check and report, write nothing */
                        dryRun?: boolean;
                        /** @description import the good rows, report the bad ones */
                        skipBad?: boolean;
                        /** @description a header line, then one row per line; comma, tab, ; or | delimited */
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactCompaniesCreated: string[];
                            created: number;
                            dryRun: boolean;
                            /** @enum {string} */
                            kind: "workcodes" | "staff" | "clients" | "contacts" | "time" | "expenses";
                            problems: {
                                line: number;
                                reason: string;
                            }[];
                            rows: number;
                            skipped: {
                                line: number;
                                reason: string;
                            }[];
                            totals?: {
                                /** @description minor units */
                                amount: number;
                                minutes?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/expenses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import expenses from delimited text, all rows or none
         * @description Needs expense_entries:C at system scope.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description check and report, write nothing */
                        dryRun?: boolean;
                        /** @description import the good rows, report the bad ones */
                        skipBad?: boolean;
                        /** @description a header line, then one row per line; comma, tab, ; or | delimited */
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactCompaniesCreated: string[];
                            created: number;
                            dryRun: boolean;
                            /** @enum {string} */
                            kind: "workcodes" | "staff" | "clients" | "contacts" | "time" | "expenses";
                            problems: {
                                line: number;
                                reason: string;
                            }[];
                            rows: number;
                            skipped: {
                                line: number;
                                reason: string;
                            }[];
                            totals?: {
                                /** @description minor units */
                                amount: number;
                                minutes?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import staff from delimited text, all rows or none
         * @description Needs staff:C at system scope.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description check and report, write nothing */
                        dryRun?: boolean;
                        /** @description import the good rows, report the bad ones */
                        skipBad?: boolean;
                        /** @description a header line, then one row per line; comma, tab, ; or | delimited */
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactCompaniesCreated: string[];
                            created: number;
                            dryRun: boolean;
                            /** @enum {string} */
                            kind: "workcodes" | "staff" | "clients" | "contacts" | "time" | "expenses";
                            problems: {
                                line: number;
                                reason: string;
                            }[];
                            rows: number;
                            skipped: {
                                line: number;
                                reason: string;
                            }[];
                            totals?: {
                                /** @description minor units */
                                amount: number;
                                minutes?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/time": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import time from delimited text, all rows or none
         * @description Needs time_entries:C at system scope.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description check and report, write nothing */
                        dryRun?: boolean;
                        /** @description import the good rows, report the bad ones */
                        skipBad?: boolean;
                        /** @description a header line, then one row per line; comma, tab, ; or | delimited */
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactCompaniesCreated: string[];
                            created: number;
                            dryRun: boolean;
                            /** @enum {string} */
                            kind: "workcodes" | "staff" | "clients" | "contacts" | "time" | "expenses";
                            problems: {
                                line: number;
                                reason: string;
                            }[];
                            rows: number;
                            skipped: {
                                line: number;
                                reason: string;
                            }[];
                            totals?: {
                                /** @description minor units */
                                amount: number;
                                minutes?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/workcodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import workcodes from delimited text, all rows or none
         * @description Needs work_codes:C at system scope.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description check and report, write nothing */
                        dryRun?: boolean;
                        /** @description import the good rows, report the bad ones */
                        skipBad?: boolean;
                        /** @description a header line, then one row per line; comma, tab, ; or | delimited */
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactCompaniesCreated: string[];
                            created: number;
                            dryRun: boolean;
                            /** @enum {string} */
                            kind: "workcodes" | "staff" | "clients" | "contacts" | "time" | "expenses";
                            problems: {
                                line: number;
                                reason: string;
                            }[];
                            rows: number;
                            skipped: {
                                line: number;
                                reason: string;
                            }[];
                            totals?: {
                                /** @description minor units */
                                amount: number;
                                minutes?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's portal settings (staff) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description emails carry the request's description, message and items; off: only that something waits */
                            detailedNotifications: boolean;
                            digestMinutes: number;
                            /**
                             * @description one email per event, or a digest a few minutes later leaving out what was already seen
                             * @enum {string}
                             */
                            notificationMode: "each" | "digest";
                        };
                    };
                };
            };
        };
        /** Change the firm's portal settings */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description emails carry the request's description, message and items; off: only that something waits */
                        detailedNotifications: boolean;
                        digestMinutes: number;
                        /**
                         * @description one email per event, or a digest a few minutes later leaving out what was already seen
                         * @enum {string}
                         */
                        notificationMode: "each" | "digest";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description emails carry the request's description, message and items; off: only that something waits */
                            detailedNotifications: boolean;
                            digestMinutes: number;
                            /**
                             * @description one email per event, or a digest a few minutes later leaving out what was already seen
                             * @enum {string}
                             */
                            notificationMode: "each" | "digest";
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/waiting": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What waits for the signed-in person
         * @description A contact: the requests sent to them with items still to answer, and the documents to approve. Staff: the requests they asked with answers waiting for review.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a contact's documents waiting for their decision; none for staff */
                            approvals: {
                                clientId: string;
                                clientName: string;
                                fileId: string;
                                fileName: string;
                                id: string;
                                message: string;
                                requestedAt: string;
                            }[];
                            requests: {
                                clientId: string;
                                clientName: string;
                                id: string;
                                items: {
                                    dueDate: string | null;
                                    id: string;
                                    title: string;
                                }[];
                                mayUpload: boolean;
                                /** @enum {string} */
                                status: "open" | "responded";
                                subject: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the projects the caller may read */
        get: {
            parameters: {
                query?: {
                    clientId?: string;
                    /** @description exactly this project code (with clientId: that client's project), case-insensitive */
                    code?: string;
                    limit?: number;
                    offset?: number;
                    /** @description case-insensitive; matches code or name containing it (empty: no search) */
                    search?: string;
                    /** @description the order (default client): client: the client's code, then the project's code; code: the project's code; name: the name, case-insensitive; createdAt: when it was added. A leading - reverses it; ties are broken by id. */
                    sort?: "client" | "code" | "name" | "createdAt" | "-client" | "-code" | "-name" | "-createdAt";
                    status?: "open" | "closed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description minor units */
                                budgetFee: number | null;
                                budgetMinutes: number | null;
                                clientId: string;
                                code: string;
                                createdAt: string;
                                id: string;
                                name: string;
                                /** @enum {string} */
                                status: "open" | "closed";
                                updatedAt: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a project to a client */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description minor units */
                        budgetFee?: number | null;
                        budgetMinutes?: number | null;
                        /** Format: uuid */
                        clientId: string;
                        code: string;
                        name: string;
                        /** @enum {string} */
                        status?: "open" | "closed";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description minor units */
                            budgetFee: number | null;
                            budgetMinutes: number | null;
                            clientId: string;
                            code: string;
                            createdAt: string;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            status: "open" | "closed";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description minor units */
                            budgetFee: number | null;
                            budgetMinutes: number | null;
                            clientId: string;
                            code: string;
                            createdAt: string;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            status: "open" | "closed";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a project (it stays with its client) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description minor units */
                        budgetFee?: number | null;
                        budgetMinutes?: number | null;
                        code?: string;
                        name?: string;
                        /** @enum {string} */
                        status?: "open" | "closed";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description minor units */
                            budgetFee: number | null;
                            budgetMinutes: number | null;
                            clientId: string;
                            code: string;
                            createdAt: string;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            status: "open" | "closed";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the rates the caller may read, filtered by owner and work code */
        get: {
            parameters: {
                query?: {
                    /** @description the client's own rates (its projects' rates are found by projectId) */
                    clientId?: string;
                    limit?: number;
                    offset?: number;
                    projectId?: string;
                    scope?: "project" | "client" | "staff" | "work_code";
                    /** @description case-insensitive; matches the code of the rate's owner: staff number, client, project or work code containing it (empty: no search) */
                    search?: string;
                    /** @description the order (default owner): owner: whose rate it is (staff number, client code, project code, work code), then the effective date; effectiveDate: the date it takes effect. A leading - reverses it; ties are broken by id. */
                    sort?: "owner" | "effectiveDate" | "-owner" | "-effectiveDate";
                    staffId?: string;
                    /** @description rates for this work code, at every level */
                    workCodeId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description the client's code, for a client or project rate */
                                clientCode: string | null;
                                clientId: string | null;
                                createdAt: string;
                                /** Format: date */
                                effectiveDate: string;
                                id: string;
                                /** @description the project's code (of clientCode), for a project rate */
                                projectCode: string | null;
                                projectId: string | null;
                                /** @description ten-thousandths of the currency unit per hour (time) or per unit (expense): 1500000 = 150.00; an integer, so amounts stay exact */
                                rate: number;
                                /** @enum {string} */
                                scope: "project" | "client" | "staff" | "work_code";
                                staffId: string | null;
                                /** @description the staff member's number, for a staff rate */
                                staffNumber: string | null;
                                /** @enum {string} */
                                timing: "historical" | "current" | "future";
                                updatedAt: string;
                                /** @description the work code's code, when the rate is for one work code */
                                workCode: string | null;
                                /** @description null for a standard (all work codes) rate */
                                workCodeId: string | null;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Set a rate: 201 when new, 200 when it replaces the rate of the same target and date */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description name one owner (staffId, clientId or projectId), optionally for one workCodeId; or a workCodeId alone for its default rate. A rate on the same target and date is replaced. */
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        clientId?: string;
                        /**
                         * Format: date
                         * @description defaults to today; not before the lock date
                         */
                        effectiveDate?: string;
                        /** Format: uuid */
                        projectId?: string;
                        /** @description ten-thousandths of the currency unit per hour (time) or per unit (expense): 1500000 = 150.00; an integer, so amounts stay exact */
                        rate: number;
                        /** Format: uuid */
                        staffId?: string;
                        /** Format: uuid */
                        workCodeId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the client's code, for a client or project rate */
                            clientCode: string | null;
                            clientId: string | null;
                            createdAt: string;
                            /** Format: date */
                            effectiveDate: string;
                            id: string;
                            /** @description the project's code (of clientCode), for a project rate */
                            projectCode: string | null;
                            projectId: string | null;
                            /** @description ten-thousandths of the currency unit per hour (time) or per unit (expense): 1500000 = 150.00; an integer, so amounts stay exact */
                            rate: number;
                            /** @enum {string} */
                            scope: "project" | "client" | "staff" | "work_code";
                            staffId: string | null;
                            /** @description the staff member's number, for a staff rate */
                            staffNumber: string | null;
                            /** @enum {string} */
                            timing: "historical" | "current" | "future";
                            updatedAt: string;
                            /** @description the work code's code, when the rate is for one work code */
                            workCode: string | null;
                            /** @description null for a standard (all work codes) rate */
                            workCodeId: string | null;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the client's code, for a client or project rate */
                            clientCode: string | null;
                            clientId: string | null;
                            createdAt: string;
                            /** Format: date */
                            effectiveDate: string;
                            id: string;
                            /** @description the project's code (of clientCode), for a project rate */
                            projectCode: string | null;
                            projectId: string | null;
                            /** @description ten-thousandths of the currency unit per hour (time) or per unit (expense): 1500000 = 150.00; an integer, so amounts stay exact */
                            rate: number;
                            /** @enum {string} */
                            scope: "project" | "client" | "staff" | "work_code";
                            staffId: string | null;
                            /** @description the staff member's number, for a staff rate */
                            staffNumber: string | null;
                            /** @enum {string} */
                            timing: "historical" | "current" | "future";
                            updatedAt: string;
                            /** @description the work code's code, when the rate is for one work code */
                            workCode: string | null;
                            /** @description null for a standard (all work codes) rate */
                            workCodeId: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the client's code, for a client or project rate */
                            clientCode: string | null;
                            clientId: string | null;
                            createdAt: string;
                            /** Format: date */
                            effectiveDate: string;
                            id: string;
                            /** @description the project's code (of clientCode), for a project rate */
                            projectCode: string | null;
                            projectId: string | null;
                            /** @description ten-thousandths of the currency unit per hour (time) or per unit (expense): 1500000 = 150.00; an integer, so amounts stay exact */
                            rate: number;
                            /** @enum {string} */
                            scope: "project" | "client" | "staff" | "work_code";
                            staffId: string | null;
                            /** @description the staff member's number, for a staff rate */
                            staffNumber: string | null;
                            /** @enum {string} */
                            timing: "historical" | "current" | "future";
                            updatedAt: string;
                            /** @description the work code's code, when the rate is for one work code */
                            workCode: string | null;
                            /** @description null for a standard (all work codes) rate */
                            workCodeId: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a rate dated on or after the lock date */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/basic": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Time & expense totals, one line per group
         * @description Covers only the entries the caller may read (as in the entry lists).
         */
        get: {
            parameters: {
                query: {
                    billable?: "true" | "false";
                    clientId?: string;
                    /** @description default: CSV for Accept: text/csv, else JSON */
                    format?: "json" | "csv";
                    from?: string;
                    /** @description client | staff | workcode | month, or two of them: client,month */
                    groupBy: string;
                    kind?: "time" | "expense" | "both";
                    /** @description YYYY-MM, instead of from/to */
                    month?: string;
                    /** @description a project; its client is implied */
                    projectId?: string;
                    staffId?: string;
                    /** @description statuses, comma-separated */
                    status?: string;
                    to?: string;
                    workCodeId?: string;
                    /** @description YYYY, instead of from/to */
                    year?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            criteria: {
                                billable: boolean | null;
                                client: string | null;
                                from: string | null;
                                /** @enum {string} */
                                kind: "time" | "expense" | "both";
                                project: string | null;
                                staff: string | null;
                                status: ("draft" | "submitted" | "approved" | "billed" | "transferred")[];
                                to: string | null;
                                workCode: string | null;
                            };
                            currency: string;
                            firm: string;
                            groupBy: ("client" | "staff" | "workcode" | "month")[];
                            groups: {
                                /** @enum {string} */
                                by: "client" | "staff" | "workcode" | "month";
                                code: string;
                                groups?: {
                                    /** @enum {string} */
                                    by: "client" | "staff" | "workcode" | "month";
                                    code: string;
                                    id: string;
                                    /** @description detailed reports */
                                    lines?: {
                                        /** @description minor units */
                                        amount: number;
                                        amountText: string;
                                        billable: boolean;
                                        clientCode: string;
                                        clientName: string;
                                        date: string;
                                        description: string;
                                        hours: string | null;
                                        id: string;
                                        /** @enum {string} */
                                        kind: "time" | "expense";
                                        minutes: number | null;
                                        projectCode: string | null;
                                        /** @description thousandths of a unit */
                                        quantity: number | null;
                                        quantityText: string | null;
                                        /** @description ten-thousandths */
                                        rate: number;
                                        rateText: string;
                                        staffName: string;
                                        staffNumber: string;
                                        /** @enum {string} */
                                        status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                                        workCode: string;
                                    }[];
                                    name: string;
                                    totals: {
                                        /** @description minor units */
                                        amount: number;
                                        amountText: string;
                                        /** @description minor units */
                                        billableAmount: number;
                                        billableAmountText: string;
                                        billableHours: string;
                                        billableMinutes: number;
                                        expenseEntries: number;
                                        hours: string;
                                        minutes: number;
                                        timeEntries: number;
                                    };
                                }[];
                                id: string;
                                /** @description detailed reports */
                                lines?: {
                                    /** @description minor units */
                                    amount: number;
                                    amountText: string;
                                    billable: boolean;
                                    clientCode: string;
                                    clientName: string;
                                    date: string;
                                    description: string;
                                    hours: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "time" | "expense";
                                    minutes: number | null;
                                    projectCode: string | null;
                                    /** @description thousandths of a unit */
                                    quantity: number | null;
                                    quantityText: string | null;
                                    /** @description ten-thousandths */
                                    rate: number;
                                    rateText: string;
                                    staffName: string;
                                    staffNumber: string;
                                    /** @enum {string} */
                                    status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                                    workCode: string;
                                }[];
                                name: string;
                                totals: {
                                    /** @description minor units */
                                    amount: number;
                                    amountText: string;
                                    /** @description minor units */
                                    billableAmount: number;
                                    billableAmountText: string;
                                    billableHours: string;
                                    billableMinutes: number;
                                    expenseEntries: number;
                                    hours: string;
                                    minutes: number;
                                    timeEntries: number;
                                };
                            }[];
                            minorDigits: number;
                            /** @enum {string} */
                            report: "basic" | "detailed";
                            total: {
                                /** @description minor units */
                                amount: number;
                                amountText: string;
                                /** @description minor units */
                                billableAmount: number;
                                billableAmountText: string;
                                billableHours: string;
                                billableMinutes: number;
                                expenseEntries: number;
                                hours: string;
                                minutes: number;
                                timeEntries: number;
                            };
                        };
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/basic/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the basic report as a CSV, XLSX or PDF file
         * @description The basic report with the same filters and grouping as GET /reports/basic, and the same totals to the cent, as an attachment named after the firm, the report and the period (Content-Disposition). The file streams as the entries are read: no Content-Length. XLSX amounts, hours and rates are numbers formatted with their decimals; the first column of CSV and XLSX rows says what a row is (entry, group, subtotal, total).
         */
        get: {
            parameters: {
                query: {
                    billable?: "true" | "false";
                    clientId?: string;
                    /** @description the file: csv, xlsx or pdf */
                    format: "csv" | "xlsx" | "pdf";
                    from?: string;
                    /** @description client | staff | workcode | month, or two of them: client,month */
                    groupBy: string;
                    kind?: "time" | "expense" | "both";
                    /** @description YYYY-MM, instead of from/to */
                    month?: string;
                    /** @description a project; its client is implied */
                    projectId?: string;
                    staffId?: string;
                    /** @description statuses, comma-separated */
                    status?: string;
                    to?: string;
                    workCodeId?: string;
                    /** @description YYYY, instead of from/to */
                    year?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the report file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/charts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Chart data: hours and amounts by client, staff, work code and month
         * @description For the period and filters of the reports: each series is the basic report grouped by that one level (same totals to the cent), over the entries the caller's report covers. Billable shares are basis points (10000 = all) of minutes, with the minutes they come from.
         */
        get: {
            parameters: {
                query?: {
                    billable?: "true" | "false";
                    clientId?: string;
                    from?: string;
                    kind?: "time" | "expense" | "both";
                    /** @description YYYY-MM, instead of from/to */
                    month?: string;
                    /** @description a project; its client is implied */
                    projectId?: string;
                    staffId?: string;
                    /** @description statuses, comma-separated */
                    status?: string;
                    to?: string;
                    workCodeId?: string;
                    /** @description YYYY, instead of from/to */
                    year?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description in client code order */
                            byClient: {
                                /** @description minor units */
                                amount: number;
                                amountText: string;
                                /** @description minor units */
                                billableAmount: number;
                                billableMinutes: number;
                                /** @description billable minutes / minutes in basis points (10000 = all billable); null without time */
                                billableShareBasisPoints: number | null;
                                code: string;
                                expenseEntries: number;
                                hours: string;
                                /** @description the client, staff or work code id, or the month (YYYY-MM) */
                                id: string;
                                minutes: number;
                                name: string;
                                /** @description minor units */
                                nonBillableAmount: number;
                                nonBillableMinutes: number;
                                timeEntries: number;
                            }[];
                            /** @description months with entries, oldest first */
                            byMonth: {
                                /** @description minor units */
                                amount: number;
                                amountText: string;
                                /** @description minor units */
                                billableAmount: number;
                                billableMinutes: number;
                                /** @description billable minutes / minutes in basis points (10000 = all billable); null without time */
                                billableShareBasisPoints: number | null;
                                code: string;
                                expenseEntries: number;
                                hours: string;
                                /** @description the client, staff or work code id, or the month (YYYY-MM) */
                                id: string;
                                minutes: number;
                                name: string;
                                /** @description minor units */
                                nonBillableAmount: number;
                                nonBillableMinutes: number;
                                timeEntries: number;
                            }[];
                            /** @description in staff number order */
                            byStaff: {
                                /** @description minor units */
                                amount: number;
                                amountText: string;
                                /** @description minor units */
                                billableAmount: number;
                                billableMinutes: number;
                                /** @description billable minutes / minutes in basis points (10000 = all billable); null without time */
                                billableShareBasisPoints: number | null;
                                code: string;
                                expenseEntries: number;
                                hours: string;
                                /** @description the client, staff or work code id, or the month (YYYY-MM) */
                                id: string;
                                minutes: number;
                                name: string;
                                /** @description minor units */
                                nonBillableAmount: number;
                                nonBillableMinutes: number;
                                timeEntries: number;
                            }[];
                            /** @description in work code order */
                            byWorkCode: {
                                /** @description minor units */
                                amount: number;
                                amountText: string;
                                /** @description minor units */
                                billableAmount: number;
                                billableMinutes: number;
                                /** @description billable minutes / minutes in basis points (10000 = all billable); null without time */
                                billableShareBasisPoints: number | null;
                                code: string;
                                expenseEntries: number;
                                hours: string;
                                /** @description the client, staff or work code id, or the month (YYYY-MM) */
                                id: string;
                                minutes: number;
                                name: string;
                                /** @description minor units */
                                nonBillableAmount: number;
                                nonBillableMinutes: number;
                                timeEntries: number;
                            }[];
                            criteria: {
                                billable: boolean | null;
                                client: string | null;
                                from: string | null;
                                /** @enum {string} */
                                kind: "time" | "expense" | "both";
                                project: string | null;
                                staff: string | null;
                                status: ("draft" | "submitted" | "approved" | "billed" | "transferred")[];
                                to: string | null;
                                workCode: string | null;
                            };
                            currency: string;
                            firm: string;
                            minorDigits: number;
                            total: {
                                /** @description minor units */
                                amount: number;
                                amountText: string;
                                /** @description minor units */
                                billableAmount: number;
                                billableMinutes: number;
                                /** @description billable minutes / minutes in basis points (10000 = all billable); null without time */
                                billableShareBasisPoints: number | null;
                                expenseEntries: number;
                                hours: string;
                                minutes: number;
                                /** @description minor units */
                                nonBillableAmount: number;
                                nonBillableMinutes: number;
                                timeEntries: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/detailed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every entry, grouped, with subtotals and a grand total
         * @description Covers only the entries the caller may read (as in the entry lists).
         */
        get: {
            parameters: {
                query: {
                    billable?: "true" | "false";
                    clientId?: string;
                    /** @description default: CSV for Accept: text/csv, else JSON */
                    format?: "json" | "csv";
                    from?: string;
                    /** @description client | staff | workcode | month, or two of them: client,month */
                    groupBy: string;
                    kind?: "time" | "expense" | "both";
                    /** @description YYYY-MM, instead of from/to */
                    month?: string;
                    /** @description a project; its client is implied */
                    projectId?: string;
                    staffId?: string;
                    /** @description statuses, comma-separated */
                    status?: string;
                    to?: string;
                    workCodeId?: string;
                    /** @description YYYY, instead of from/to */
                    year?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            criteria: {
                                billable: boolean | null;
                                client: string | null;
                                from: string | null;
                                /** @enum {string} */
                                kind: "time" | "expense" | "both";
                                project: string | null;
                                staff: string | null;
                                status: ("draft" | "submitted" | "approved" | "billed" | "transferred")[];
                                to: string | null;
                                workCode: string | null;
                            };
                            currency: string;
                            firm: string;
                            groupBy: ("client" | "staff" | "workcode" | "month")[];
                            groups: {
                                /** @enum {string} */
                                by: "client" | "staff" | "workcode" | "month";
                                code: string;
                                groups?: {
                                    /** @enum {string} */
                                    by: "client" | "staff" | "workcode" | "month";
                                    code: string;
                                    id: string;
                                    /** @description detailed reports */
                                    lines?: {
                                        /** @description minor units */
                                        amount: number;
                                        amountText: string;
                                        billable: boolean;
                                        clientCode: string;
                                        clientName: string;
                                        date: string;
                                        description: string;
                                        hours: string | null;
                                        id: string;
                                        /** @enum {string} */
                                        kind: "time" | "expense";
                                        minutes: number | null;
                                        projectCode: string | null;
                                        /** @description thousandths of a unit */
                                        quantity: number | null;
                                        quantityText: string | null;
                                        /** @description ten-thousandths */
                                        rate: number;
                                        rateText: string;
                                        staffName: string;
                                        staffNumber: string;
                                        /** @enum {string} */
                                        status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                                        workCode: string;
                                    }[];
                                    name: string;
                                    totals: {
                                        /** @description minor units */
                                        amount: number;
                                        amountText: string;
                                        /** @description minor units */
                                        billableAmount: number;
                                        billableAmountText: string;
                                        billableHours: string;
                                        billableMinutes: number;
                                        expenseEntries: number;
                                        hours: string;
                                        minutes: number;
                                        timeEntries: number;
                                    };
                                }[];
                                id: string;
                                /** @description detailed reports */
                                lines?: {
                                    /** @description minor units */
                                    amount: number;
                                    amountText: string;
                                    billable: boolean;
                                    clientCode: string;
                                    clientName: string;
                                    date: string;
                                    description: string;
                                    hours: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "time" | "expense";
                                    minutes: number | null;
                                    projectCode: string | null;
                                    /** @description thousandths of a unit */
                                    quantity: number | null;
                                    quantityText: string | null;
                                    /** @description ten-thousandths */
                                    rate: number;
                                    rateText: string;
                                    staffName: string;
                                    staffNumber: string;
                                    /** @enum {string} */
                                    status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                                    workCode: string;
                                }[];
                                name: string;
                                totals: {
                                    /** @description minor units */
                                    amount: number;
                                    amountText: string;
                                    /** @description minor units */
                                    billableAmount: number;
                                    billableAmountText: string;
                                    billableHours: string;
                                    billableMinutes: number;
                                    expenseEntries: number;
                                    hours: string;
                                    minutes: number;
                                    timeEntries: number;
                                };
                            }[];
                            minorDigits: number;
                            /** @enum {string} */
                            report: "basic" | "detailed";
                            total: {
                                /** @description minor units */
                                amount: number;
                                amountText: string;
                                /** @description minor units */
                                billableAmount: number;
                                billableAmountText: string;
                                billableHours: string;
                                billableMinutes: number;
                                expenseEntries: number;
                                hours: string;
                                minutes: number;
                                timeEntries: number;
                            };
                        };
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/detailed/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the detailed report as a CSV, XLSX or PDF file
         * @description The detailed report with the same filters and grouping as GET /reports/detailed, and the same totals to the cent, as an attachment named after the firm, the report and the period (Content-Disposition). The file streams as the entries are read: no Content-Length. XLSX amounts, hours and rates are numbers formatted with their decimals; the first column of CSV and XLSX rows says what a row is (entry, group, subtotal, total).
         */
        get: {
            parameters: {
                query: {
                    billable?: "true" | "false";
                    clientId?: string;
                    /** @description the file: csv, xlsx or pdf */
                    format: "csv" | "xlsx" | "pdf";
                    from?: string;
                    /** @description client | staff | workcode | month, or two of them: client,month */
                    groupBy: string;
                    kind?: "time" | "expense" | "both";
                    /** @description YYYY-MM, instead of from/to */
                    month?: string;
                    /** @description a project; its client is implied */
                    projectId?: string;
                    staffId?: string;
                    /** @description statuses, comma-separated */
                    status?: string;
                    to?: string;
                    workCodeId?: string;
                    /** @description YYYY, instead of from/to */
                    year?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the report file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reprice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reprice open entries in a period from the current rates
         * @description Needs time_entries:E and expense_entries:E at system scope.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        billable?: boolean;
                        /** Format: uuid */
                        clientId?: string;
                        /** Format: date */
                        from: string;
                        /** Format: uuid */
                        projectId?: string;
                        /** Format: uuid */
                        staffId?: string;
                        /** Format: date */
                        to: string;
                        /** Format: uuid */
                        workCodeId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description minor units */
                            amountAfter: number;
                            /** @description minor units */
                            amountBefore: number;
                            changed: number;
                            examined: number;
                            from: string;
                            skippedLocked: number;
                            to: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List roles: any staff user may (to share with them); other callers need roles:R */
        get: {
            parameters: {
                query?: {
                    /** @description only built-in (true) or custom (false) roles */
                    builtIn?: "true" | "false";
                    limit?: number;
                    offset?: number;
                    /** @description case-insensitive; matches name containing it (empty: no search) */
                    search?: string;
                    /** @description the order (default builtIn): builtIn: the built-in roles first, then by name; name: the name, case-insensitive. A leading - reverses it; ties are broken by id. */
                    sort?: "builtIn" | "name" | "-builtIn" | "-name";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                builtIn: boolean;
                                /** @description object -> actions granted on it: C create, R read, E edit, D delete, A share any role, S share roles one holds */
                                grants: {
                                    [key: string]: string;
                                };
                                id: string;
                                name: string;
                                /** @description where the role may be assigned */
                                scopes: ("system" | "entity" | "item")[];
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a custom role from object permissions */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description object -> actions granted on it: C create, R read, E edit, D delete, A share any role, S share roles one holds */
                        grants: {
                            [key: string]: string;
                        };
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            builtIn: boolean;
                            /** @description object -> actions granted on it: C create, R read, E edit, D delete, A share any role, S share roles one holds */
                            grants: {
                                [key: string]: string;
                            };
                            id: string;
                            name: string;
                            /** @description where the role may be assigned */
                            scopes: ("system" | "entity" | "item")[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/roles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A role: any staff user may read it; other callers need roles:R */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            builtIn: boolean;
                            /** @description object -> actions granted on it: C create, R read, E edit, D delete, A share any role, S share roles one holds */
                            grants: {
                                [key: string]: string;
                            };
                            id: string;
                            name: string;
                            /** @description where the role may be assigned */
                            scopes: ("system" | "entity" | "item")[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a custom role that is assigned to nobody */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a custom role or change what it grants (takes effect on the next request) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description object -> actions granted on it: C create, R read, E edit, D delete, A share any role, S share roles one holds */
                        grants?: {
                            [key: string]: string;
                        };
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            builtIn: boolean;
                            /** @description object -> actions granted on it: C create, R read, E edit, D delete, A share any role, S share roles one holds */
                            grants: {
                                [key: string]: string;
                            };
                            id: string;
                            name: string;
                            /** @description where the role may be assigned */
                            scopes: ("system" | "entity" | "item")[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List staff; without staff:R a staff user sees only their own record */
        get: {
            parameters: {
                query?: {
                    /** @description exactly this staff number, case-insensitive */
                    code?: string;
                    /** @description only members of this staff group */
                    groupId?: string;
                    limit?: number;
                    offset?: number;
                    /** @description case-insensitive; matches staff number, first or last name, or email containing it (empty: no search) */
                    search?: string;
                    /** @description the order (default staffNumber): staffNumber: the staff number; lastName: last name, then first name, case-insensitive; firstName: first name, then last name, case-insensitive; createdAt: when it was added. A leading - reverses it; ties are broken by id. */
                    sort?: "staffNumber" | "lastName" | "firstName" | "createdAt" | "-staffNumber" | "-lastName" | "-firstName" | "-createdAt";
                    status?: "active" | "inactive";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                email: string | null;
                                firstName: string;
                                /** @description names of the staff groups the member is in */
                                groups: string[];
                                id: string;
                                inactiveDate: string | null;
                                lastName: string;
                                staffNumber: string;
                                /** @enum {string} */
                                status: "active" | "inactive";
                                updatedAt: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string | null;
                        firstName: string;
                        /** @description names of existing staff groups (create groups at /staff-groups); replaces the member's groups */
                        groups?: string[];
                        inactiveDate?: string | null;
                        lastName: string;
                        staffNumber: string;
                        /** @enum {string} */
                        status?: "active" | "inactive";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            email: string | null;
                            firstName: string;
                            /** @description names of the staff groups the member is in */
                            groups: string[];
                            id: string;
                            inactiveDate: string | null;
                            lastName: string;
                            staffNumber: string;
                            /** @enum {string} */
                            status: "active" | "inactive";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    /** @description case-insensitive; matches name containing it (empty: no search) */
                    search?: string;
                    /** @description the order (default name): name: the name, case-insensitive; createdAt: when it was added. A leading - reverses it; ties are broken by id. */
                    sort?: "name" | "createdAt" | "-name" | "-createdAt";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                id: string;
                                /** @description ids of the staff members in the group */
                                memberIds: string[];
                                name: string;
                                updatedAt: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            /** @description ids of the staff members in the group */
                            memberIds: string[];
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff-groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            /** @description ids of the staff members in the group */
                            memberIds: string[];
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a staff group that carries no roles */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a staff group */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            /** @description ids of the staff members in the group */
                            memberIds: string[];
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/staff-groups/{id}/members/{staffId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Add a staff member to the group (not oneself) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    staffId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            /** @description ids of the staff members in the group */
                            memberIds: string[];
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Take a staff member out of the group (not oneself) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    staffId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A staff member; every staff user may read their own record */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            email: string | null;
                            firstName: string;
                            /** @description names of the staff groups the member is in */
                            groups: string[];
                            id: string;
                            inactiveDate: string | null;
                            lastName: string;
                            staffNumber: string;
                            /** @enum {string} */
                            status: "active" | "inactive";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a staff member with no history and no user account (make others inactive) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a staff member (not one's own groups) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string | null;
                        firstName?: string;
                        /** @description names of existing staff groups (create groups at /staff-groups); replaces the member's groups */
                        groups?: string[];
                        inactiveDate?: string | null;
                        lastName?: string;
                        staffNumber?: string;
                        /** @enum {string} */
                        status?: "active" | "inactive";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            email: string | null;
                            firstName: string;
                            /** @description names of the staff groups the member is in */
                            groups: string[];
                            id: string;
                            inactiveDate: string | null;
                            lastName: string;
                            staffNumber: string;
                            /** @enum {string} */
                            status: "active" | "inactive";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/sync/bind": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bind this cloud firm to a desktop file (integration); refused if bound to another file */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fileId: string;
                        /** @default false */
                        finish?: boolean;
                        /** @default [] */
                        staff?: {
                            email: string | null;
                            /** Format: uuid */
                            id: string;
                            staffNumber: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            boundFileId: string | null;
                            cloudReplica: string;
                            /** @description the asking file is a copy of another desktop file (see `acked`); false without `acked` */
                            copy: boolean;
                            epoch: string;
                            head: number;
                            schema: string;
                            /** @description changes after `after` made by other replicas (null without `after`) */
                            waiting: number | null;
                            you: {
                                email: string | null;
                                /** @description merge:E: may send changes other people made */
                                mayMergeForOthers: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/conflicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The conflict log: values that lost to a concurrent change, and renamed keys, a page at a time
         * @description All of it with merge:R; otherwise the conflicts where the caller's own value lost. Oldest first; each names its record as people know it (client ACME, staff JD).
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    status?: "open" | "restored" | "dismissed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                at: string;
                                field: string;
                                id: string;
                                keptHlc: string;
                                keptValue: string | number | null;
                                /** @enum {string} */
                                kind: "overwrite" | "deleted" | "unique";
                                /** @description who wrote the value that lost, when known */
                                lostAuthor: string | null;
                                lostHlc: string;
                                lostValue: string | number | null;
                                /** @description the record as people know it: client ACME, staff JD */
                                record?: string;
                                resolvedAt: string | null;
                                rowId: string;
                                /** @enum {string} */
                                status: "open" | "restored" | "dismissed";
                                tbl: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/conflicts/{id}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a conflict reviewed, keeping the value that won */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            at: string;
                            field: string;
                            id: string;
                            keptHlc: string;
                            keptValue: string | number | null;
                            /** @enum {string} */
                            kind: "overwrite" | "deleted" | "unique";
                            /** @description who wrote the value that lost, when known */
                            lostAuthor: string | null;
                            lostHlc: string;
                            lostValue: string | number | null;
                            /** @description the record as people know it: client ACME, staff JD */
                            record?: string;
                            resolvedAt: string | null;
                            rowId: string;
                            /** @enum {string} */
                            status: "open" | "restored" | "dismissed";
                            tbl: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/conflicts/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put a conflict's lost value back, as a new change every replica receives */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            at: string;
                            field: string;
                            id: string;
                            keptHlc: string;
                            keptValue: string | number | null;
                            /** @enum {string} */
                            kind: "overwrite" | "deleted" | "unique";
                            /** @description who wrote the value that lost, when known */
                            lostAuthor: string | null;
                            lostHlc: string;
                            lostValue: string | number | null;
                            /** @description the record as people know it: client ACME, staff JD */
                            record?: string;
                            resolvedAt: string | null;
                            rowId: string;
                            /** @enum {string} */
                            status: "open" | "restored" | "dismissed";
                            tbl: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The merge's warning and error logs, a page at a time
         * @description Warnings: what integration left out or changed, entries held on a desktop, copies that became desktops of their own. Errors: changes the cloud refused, with the refused values. Open warnings only unless `all`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description include closed warnings */
                    all?: "true" | "false";
                    level?: "warning" | "error";
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                at: string;
                                /** @description when a warning closed; null while open */
                                closedAt: string | null;
                                code: string;
                                /** @description a refused change's values */
                                data: {
                                    [key: string]: string | number | null;
                                };
                                hlc: string | null;
                                id: string;
                                /** @enum {string} */
                                level: "warning" | "error";
                                message: string;
                                /** @description the record as people know it */
                                record: string;
                                rowId: string;
                                tbl: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Integration: take a desktop file's custom roles and role assignments (once; a repeat changes nothing) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assignments: {
                            createdAt: string;
                            entityId: string | null;
                            id: string;
                            itemId: string | null;
                            principal: {
                                email: string;
                                /** @enum {string} */
                                kind: "user";
                            } | {
                                id: string;
                                /** @enum {string} */
                                kind: "staff_group";
                            } | {
                                id: string;
                                /** @enum {string} */
                                kind: "contact_group";
                            };
                            role: string;
                            /** @enum {string} */
                            scope: "system" | "entity" | "item";
                        }[];
                        fileId: string;
                        roles: {
                            grants: {
                                [key: string]: string;
                            };
                            name: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignments: {
                                already: number;
                                created: number;
                            };
                            refused: {
                                code: string;
                                message: string;
                                what: string;
                            }[];
                            roles: {
                                created: number;
                                unchanged: number;
                                updated: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/pull": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's changes after a cursor, in server-sequence order; `wait` long-polls */
        get: {
            parameters: {
                query: {
                    /** @description the newest of this replica's changes the desktop has an answer for; lets the cloud tell a copied file */
                    acked?: string;
                    after: number;
                    fileId?: string;
                    limit?: number;
                    replica: string;
                    schema: string;
                    wait?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changes: {
                                author?: string | null;
                                data: {
                                    [key: string]: string | number | null;
                                };
                                hlc: string;
                                /** @enum {string} */
                                op: "put" | "delete";
                                rowId: string;
                                seen: number | null;
                                seq: number;
                                tbl: string;
                            }[];
                            cloudReplica: string;
                            epoch: string;
                            head: number;
                            more: boolean;
                            next: number;
                            schema: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/push": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply a batch of a desktop's changes once; each change is answered accepted or refused */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        acked?: string | null;
                        batchId: string;
                        changes: {
                            author?: string | null;
                            data: {
                                [key: string]: string | number | null;
                            };
                            hlc: string;
                            /** @enum {string} */
                            op: "put" | "delete";
                            rowId: string;
                            seen: number | null;
                            tbl: string;
                        }[];
                        replica: string;
                        schema: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cloudReplica: string;
                            epoch: string;
                            followUps: {
                                author?: string | null;
                                data: {
                                    [key: string]: string | number | null;
                                };
                                hlc: string;
                                /** @enum {string} */
                                op: "put" | "delete";
                                rowId: string;
                                seen: number | null;
                                seq: number;
                                tbl: string;
                            }[];
                            head: number;
                            results: {
                                code: string | null;
                                hlc: string;
                                message: string | null;
                                rowId: string;
                                seq: number | null;
                                /** @enum {string} */
                                status: "accepted" | "refused";
                                tbl: string;
                            }[];
                            schema: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The cloud's epoch, schema, head and binding, and how many changes wait after a cursor */
        get: {
            parameters: {
                query?: {
                    /** @description the newest of the replica's changes the desktop has an answer for */
                    acked?: string;
                    after?: number;
                    fileId?: string;
                    /** @description the oldest of the replica's changes the desktop has not sent yet */
                    next?: string;
                    replica?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            boundFileId: string | null;
                            cloudReplica: string;
                            /** @description the asking file is a copy of another desktop file (see `acked`); false without `acked` */
                            copy: boolean;
                            epoch: string;
                            head: number;
                            schema: string;
                            /** @description changes after `after` made by other replicas (null without `after`) */
                            waiting: number | null;
                            you: {
                                email: string | null;
                                /** @description merge:E: may send changes other people made */
                                mayMergeForOthers: boolean;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/time-entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the time entries the caller may read: own, assigned clients', or all */
        get: {
            parameters: {
                query?: {
                    billable?: "true" | "false";
                    clientId?: string;
                    /** @description first entry date */
                    from?: string;
                    limit?: number;
                    offset?: number;
                    /** @description a project; its client is implied */
                    projectId?: string;
                    /** @description a leading - sorts descending */
                    sort?: "date" | "-date" | "amount" | "-amount" | "created" | "-created" | "staff" | "-staff";
                    staffId?: string;
                    /** @description statuses, comma-separated */
                    status?: string;
                    /** @description last entry date */
                    to?: string;
                    workCodeId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description minor units */
                                amount: number;
                                billable: boolean;
                                clientId: string;
                                createdAt: string;
                                date: string;
                                description: string;
                                id: string;
                                /** @description approved, billed or transferred, or dated on or before the firm's lock date: not editable */
                                locked: boolean;
                                minutes: number;
                                projectId: string | null;
                                /** @description hourly rate, ten-thousandths */
                                rate: number;
                                rateSource: string;
                                /** @description why a reviewer returned the entry to its staff member; null once submitted again */
                                reviewComment: string | null;
                                staff: {
                                    firstName: string;
                                    id: string;
                                    lastName: string;
                                    staffNumber: string;
                                };
                                staffId: string;
                                /** @enum {string} */
                                status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                                updatedAt: string;
                                workCodeId: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record time: one's own, or another staff member's with a create right on the client */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description default: the work code's */
                        billable?: boolean;
                        /** Format: uuid */
                        clientId: string;
                        /** Format: date */
                        date: string;
                        description?: string;
                        /** @description rounded up to the firm's increment */
                        minutes: number;
                        projectId?: string | null;
                        /**
                         * Format: uuid
                         * @description default: the caller's own staff record
                         */
                        staffId?: string;
                        /** Format: uuid */
                        workCodeId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description minor units */
                            amount: number;
                            billable: boolean;
                            clientId: string;
                            createdAt: string;
                            date: string;
                            description: string;
                            id: string;
                            /** @description approved, billed or transferred, or dated on or before the firm's lock date: not editable */
                            locked: boolean;
                            minutes: number;
                            projectId: string | null;
                            /** @description hourly rate, ten-thousandths */
                            rate: number;
                            rateSource: string;
                            /** @description why a reviewer returned the entry to its staff member; null once submitted again */
                            reviewComment: string | null;
                            staffId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                            updatedAt: string;
                            workCodeId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/time-entries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description minor units */
                            amount: number;
                            billable: boolean;
                            clientId: string;
                            createdAt: string;
                            date: string;
                            description: string;
                            id: string;
                            /** @description approved, billed or transferred, or dated on or before the firm's lock date: not editable */
                            locked: boolean;
                            minutes: number;
                            projectId: string | null;
                            /** @description hourly rate, ten-thousandths */
                            rate: number;
                            rateSource: string;
                            /** @description why a reviewer returned the entry to its staff member; null once submitted again */
                            reviewComment: string | null;
                            staffId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                            updatedAt: string;
                            workCodeId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description default: the work code's */
                        billable?: boolean;
                        /** Format: uuid */
                        clientId?: string;
                        /** Format: date */
                        date?: string;
                        description?: string;
                        /** @description rounded up to the firm's increment */
                        minutes?: number;
                        projectId?: string | null;
                        /**
                         * Format: uuid
                         * @description default: the caller's own staff record
                         */
                        staffId?: string;
                        /** Format: uuid */
                        workCodeId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description minor units */
                            amount: number;
                            billable: boolean;
                            clientId: string;
                            createdAt: string;
                            date: string;
                            description: string;
                            id: string;
                            /** @description approved, billed or transferred, or dated on or before the firm's lock date: not editable */
                            locked: boolean;
                            minutes: number;
                            projectId: string | null;
                            /** @description hourly rate, ten-thousandths */
                            rate: number;
                            rateSource: string;
                            /** @description why a reviewer returned the entry to its staff member; null once submitted again */
                            reviewComment: string | null;
                            staffId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                            updatedAt: string;
                            workCodeId: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/time-entries/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move time entries to a status, all or none
         * @description Submitting or recalling needs the edit right on the entry (one's own will do); approving, billing, transferring or un-approving needs it on the client's entries through a role or a partner / manager post. Returning another's submitted entry (status draft) needs a comment, which the staff member sees on the entry.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description with status draft: why the entries go back to their staff member (required when a reviewer returns another's submitted entry); cleared when they are submitted again */
                        comment?: string;
                        ids: string[];
                        /** @enum {string} */
                        status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            updated: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/timers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the running timers whose time the caller may read (a reviewer's clients, or all) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description null: the work code's default */
                                billable: boolean | null;
                                clientId: string;
                                createdAt: string;
                                /**
                                 * Format: date
                                 * @description the date its entry gets: the day it started, in its time zone
                                 */
                                date: string;
                                description: string;
                                /** @description whole minutes run so far, rounded up */
                                elapsedMinutes: number;
                                /** @description why the timer looks forgotten (it ran past midnight of its day, or over 600 minutes); stopping a forgotten timer needs the real duration (minutes) */
                                forgotten: ("past_midnight" | "over_limit") | null;
                                id: string;
                                projectId: string | null;
                                staffId: string;
                                /** @description ISO-8601 UTC */
                                startedAt: string;
                                /** @description IANA time zone the timer's dates follow */
                                timeZone: string;
                                updatedAt: string;
                                workCodeId: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Start a timer: one's own, or another's with a create right on the client; one at a time
         * @description A staff member with a timer running gets 409 TIMER_RUNNING: stop it, or switch.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description default: the work code's */
                        billable?: boolean;
                        /** Format: uuid */
                        clientId: string;
                        description?: string;
                        projectId?: string | null;
                        /**
                         * Format: uuid
                         * @description default: the caller's own staff record
                         */
                        staffId?: string;
                        /** @description IANA time zone of the person; default UTC */
                        timeZone?: string;
                        /**
                         * Format: uuid
                         * @description a time work code
                         */
                        workCodeId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description null: the work code's default */
                            billable: boolean | null;
                            clientId: string;
                            createdAt: string;
                            /**
                             * Format: date
                             * @description the date its entry gets: the day it started, in its time zone
                             */
                            date: string;
                            description: string;
                            /** @description whole minutes run so far, rounded up */
                            elapsedMinutes: number;
                            /** @description why the timer looks forgotten (it ran past midnight of its day, or over 600 minutes); stopping a forgotten timer needs the real duration (minutes) */
                            forgotten: ("past_midnight" | "over_limit") | null;
                            id: string;
                            projectId: string | null;
                            staffId: string;
                            /** @description ISO-8601 UTC */
                            startedAt: string;
                            /** @description IANA time zone the timer's dates follow */
                            timeZone: string;
                            updatedAt: string;
                            workCodeId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/timers/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own running timer (null when none is running) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            timer: {
                                /** @description null: the work code's default */
                                billable: boolean | null;
                                clientId: string;
                                createdAt: string;
                                /**
                                 * Format: date
                                 * @description the date its entry gets: the day it started, in its time zone
                                 */
                                date: string;
                                description: string;
                                /** @description whole minutes run so far, rounded up */
                                elapsedMinutes: number;
                                /** @description why the timer looks forgotten (it ran past midnight of its day, or over 600 minutes); stopping a forgotten timer needs the real duration (minutes) */
                                forgotten: ("past_midnight" | "over_limit") | null;
                                id: string;
                                projectId: string | null;
                                staffId: string;
                                /** @description ISO-8601 UTC */
                                startedAt: string;
                                /** @description IANA time zone the timer's dates follow */
                                timeZone: string;
                                updatedAt: string;
                                workCodeId: string;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/timers/discard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Throw the running timer away without recording anything */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description default: the caller's own
                         */
                        staffId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the timer discarded */
                            timer: {
                                /** @description null: the work code's default */
                                billable: boolean | null;
                                clientId: string;
                                createdAt: string;
                                /**
                                 * Format: date
                                 * @description the date its entry gets: the day it started, in its time zone
                                 */
                                date: string;
                                description: string;
                                /** @description whole minutes run so far, rounded up */
                                elapsedMinutes: number;
                                /** @description why the timer looks forgotten (it ran past midnight of its day, or over 600 minutes); stopping a forgotten timer needs the real duration (minutes) */
                                forgotten: ("past_midnight" | "over_limit") | null;
                                id: string;
                                projectId: string | null;
                                staffId: string;
                                /** @description ISO-8601 UTC */
                                startedAt: string;
                                /** @description IANA time zone the timer's dates follow */
                                timeZone: string;
                                updatedAt: string;
                                workCodeId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/timers/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop the running timer into a draft time entry
         * @description The entry is made as any time entry is (rates, rounding to the firm's increment, the lock date, rights); if it is refused the timer keeps running. A forgotten timer needs minutes (422 TIMER_FORGOTTEN otherwise).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description replaces the timer's description on the entry */
                        description?: string;
                        /** @description the real duration; default: the minutes run. Required for a forgotten timer */
                        minutes?: number;
                        /**
                         * Format: uuid
                         * @description default: the caller's own
                         */
                        staffId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entry: {
                                /** @description minor units */
                                amount: number;
                                billable: boolean;
                                clientId: string;
                                createdAt: string;
                                date: string;
                                description: string;
                                id: string;
                                /** @description approved, billed or transferred, or dated on or before the firm's lock date: not editable */
                                locked: boolean;
                                minutes: number;
                                projectId: string | null;
                                /** @description hourly rate, ten-thousandths */
                                rate: number;
                                rateSource: string;
                                /** @description why a reviewer returned the entry to its staff member; null once submitted again */
                                reviewComment: string | null;
                                staffId: string;
                                /** @enum {string} */
                                status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                                updatedAt: string;
                                workCodeId: string;
                            };
                            /** @description the timer stopped */
                            timer: {
                                /** @description null: the work code's default */
                                billable: boolean | null;
                                clientId: string;
                                createdAt: string;
                                /**
                                 * Format: date
                                 * @description the date its entry gets: the day it started, in its time zone
                                 */
                                date: string;
                                description: string;
                                /** @description whole minutes run so far, rounded up */
                                elapsedMinutes: number;
                                /** @description why the timer looks forgotten (it ran past midnight of its day, or over 600 minutes); stopping a forgotten timer needs the real duration (minutes) */
                                forgotten: ("past_midnight" | "over_limit") | null;
                                id: string;
                                projectId: string | null;
                                staffId: string;
                                /** @description ISO-8601 UTC */
                                startedAt: string;
                                /** @description IANA time zone the timer's dates follow */
                                timeZone: string;
                                updatedAt: string;
                                workCodeId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/timers/switch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop the running timer (if any) into an entry and start another, all or nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description default: the work code's */
                        billable?: boolean;
                        /** Format: uuid */
                        clientId: string;
                        description?: string;
                        projectId?: string | null;
                        /**
                         * Format: uuid
                         * @description default: the caller's own staff record
                         */
                        staffId?: string;
                        /** @description for the stopped timer */
                        stop?: {
                            /** @description replaces the timer's description on the entry */
                            description?: string;
                            /** @description the real duration; default: the minutes run. Required for a forgotten timer */
                            minutes?: number;
                        };
                        /** @description IANA time zone of the person; default UTC */
                        timeZone?: string;
                        /**
                         * Format: uuid
                         * @description a time work code
                         */
                        workCodeId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the entry the running timer became; null if none ran */
                            stopped: {
                                /** @description minor units */
                                amount: number;
                                billable: boolean;
                                clientId: string;
                                createdAt: string;
                                date: string;
                                description: string;
                                id: string;
                                /** @description approved, billed or transferred, or dated on or before the firm's lock date: not editable */
                                locked: boolean;
                                minutes: number;
                                projectId: string | null;
                                /** @description hourly rate, ten-thousandths */
                                rate: number;
                                rateSource: string;
                                /** @description why a reviewer returned the entry to its staff member; null once submitted again */
                                reviewComment: string | null;
                                staffId: string;
                                /** @enum {string} */
                                status: "draft" | "submitted" | "approved" | "billed" | "transferred";
                                updatedAt: string;
                                workCodeId: string;
                            } | null;
                            /** @description the timer started */
                            timer: {
                                /** @description null: the work code's default */
                                billable: boolean | null;
                                clientId: string;
                                createdAt: string;
                                /**
                                 * Format: date
                                 * @description the date its entry gets: the day it started, in its time zone
                                 */
                                date: string;
                                description: string;
                                /** @description whole minutes run so far, rounded up */
                                elapsedMinutes: number;
                                /** @description why the timer looks forgotten (it ran past midnight of its day, or over 600 minutes); stopping a forgotten timer needs the real duration (minutes) */
                                forgotten: ("past_midnight" | "over_limit") | null;
                                id: string;
                                projectId: string | null;
                                staffId: string;
                                /** @description ISO-8601 UTC */
                                startedAt: string;
                                /** @description IANA time zone the timer's dates follow */
                                timeZone: string;
                                updatedAt: string;
                                workCodeId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/timesheet/submit-week": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit every draft time and expense entry of a staff member's week, all or none
         * @description Answers the week (Monday to Sunday) and the ids it submitted. One entry the caller may not submit, or dated on or before the lock date, refuses the whole week.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description default: the caller's own staff record
                         */
                        staffId?: string;
                        /**
                         * Format: date
                         * @description any day of the week (weeks run Monday to Sunday)
                         */
                        week: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description expense entries submitted */
                            expense: string[];
                            /** Format: date */
                            from: string;
                            /** @description time entries submitted */
                            time: string[];
                            /** Format: date */
                            to: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the firm's users (without users:R, only one's own account) */
        get: {
            parameters: {
                query?: {
                    /** @description the account of this contact, if it has one */
                    contactId?: string;
                    /** @description staff members' accounts, or contacts' (portal users) */
                    kind?: "staff" | "contact";
                    limit?: number;
                    offset?: number;
                    /** @description case-insensitive; matches email containing it (empty: no search) */
                    search?: string;
                    /** @description the order (default email): email: the email address; createdAt: when it was added. A leading - reverses it; ties are broken by id. */
                    sort?: "email" | "createdAt" | "-email" | "-createdAt";
                    status?: "invited" | "active" | "disabled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                contactId: string | null;
                                createdAt: string;
                                email: string;
                                id: string;
                                staffId: string | null;
                                /** @enum {string} */
                                status: "invited" | "active" | "disabled";
                                updatedAt: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Invite a staff member or a contact as a user; emails them an activation link
         * @description Needs users:C, or staff:E to invite staff (Staff Admin), or contacts:E to invite contacts (Entities Admin). The email address comes from the staff or contact record.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        staffId: string;
                    } | {
                        /** Format: uuid */
                        contactId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactId: string | null;
                            createdAt: string;
                            email: string;
                            id: string;
                            staffId: string | null;
                            /** @enum {string} */
                            status: "invited" | "active" | "disabled";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user (one's own account needs no permission) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactId: string | null;
                            createdAt: string;
                            email: string;
                            id: string;
                            staffId: string | null;
                            /** @enum {string} */
                            status: "invited" | "active" | "disabled";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Enable or disable a user; disabling ends their sessions and revokes their API tokens */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "active" | "disabled";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactId: string | null;
                            createdAt: string;
                            email: string;
                            id: string;
                            staffId: string | null;
                            /** @enum {string} */
                            status: "invited" | "active" | "disabled";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/users/{id}/invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an invited user a new activation link; earlier links stop working */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactId: string | null;
                            createdAt: string;
                            email: string;
                            id: string;
                            staffId: string | null;
                            /** @enum {string} */
                            status: "invited" | "active" | "disabled";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Reset another user's two-factor sign-in (a lost phone); ends their sessions
         * @description They sign in with the password alone, or enrol again when the firm requires it.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/work-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List work codes, by code; every staff user may read them */
        get: {
            parameters: {
                query?: {
                    active?: "true" | "false";
                    /** @description exactly this work code, case-insensitive */
                    code?: string;
                    kind?: "time" | "expense";
                    limit?: number;
                    offset?: number;
                    /** @description case-insensitive; matches code or name containing it (empty: no search) */
                    search?: string;
                    /** @description the order (default code): code: the work code; name: the name, case-insensitive; createdAt: when it was added. A leading - reverses it; ties are broken by id. */
                    sort?: "code" | "name" | "createdAt" | "-code" | "-name" | "-createdAt";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                billable: boolean;
                                code: string;
                                createdAt: string;
                                id: string;
                                internalNote: string;
                                /** @enum {string} */
                                kind: "time" | "expense";
                                name: string;
                                /** @description expense surcharge in basis points: 1500 = 15 % */
                                surchargeBp: number;
                                updatedAt: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a work code, optionally with its default rate */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        billable?: boolean;
                        code: string;
                        internalNote?: string;
                        /** @enum {string} */
                        kind: "time" | "expense";
                        name: string;
                        /** @description default rate in ten-thousandths of the currency unit, per hour (time) or per unit (expense): 1500000 = 150.00; applies to every date until a later rate is set at /rates */
                        rate?: number;
                        /** @description expense work codes only */
                        surchargeBp?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            billable: boolean;
                            code: string;
                            createdAt: string;
                            id: string;
                            internalNote: string;
                            /** @enum {string} */
                            kind: "time" | "expense";
                            name: string;
                            /** @description expense surcharge in basis points: 1500 = 15 % */
                            surchargeBp: number;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/work-codes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            billable: boolean;
                            code: string;
                            createdAt: string;
                            id: string;
                            internalNote: string;
                            /** @enum {string} */
                            kind: "time" | "expense";
                            name: string;
                            /** @description expense surcharge in basis points: 1500 = 15 % */
                            surchargeBp: number;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a work code no entry uses (make others inactive), with its rates */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a work code (its rates change at /rates) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        billable?: boolean;
                        code?: string;
                        internalNote?: string;
                        /** @enum {string} */
                        kind?: "time" | "expense";
                        name?: string;
                        /** @description expense work codes only */
                        surchargeBp?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            billable: boolean;
                            code: string;
                            createdAt: string;
                            id: string;
                            internalNote: string;
                            /** @enum {string} */
                            kind: "time" | "expense";
                            name: string;
                            /** @description expense surcharge in basis points: 1500 = 15 % */
                            surchargeBp: number;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
