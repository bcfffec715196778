/** The part of node-quickbooks (CommonJS, untyped) firmtime uses, wrapped by qbo-client.ts only. */
declare module "node-quickbooks" {
  class QuickBooks {
    constructor(
      clientId: string,
      clientSecret: string,
      accessToken: string,
      tokenSecret: false,
      realmId: string,
      useSandbox: boolean,
      debug: boolean,
      minorversion: number | null,
      oauthversion: "2.0",
      refreshToken: string,
    );
    endpoint: string;
    token: string;
    realmId: string;
    [method: string]: unknown;
  }
  export = QuickBooks;
}
