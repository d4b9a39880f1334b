// Fetch clients for the gonghui services behind the gateway, typed by the generated
// ./generated/*.ts (openapi-typescript, `make sdk`). Each client takes the gateway's address;
// a service's paths sit under its name there (/membership/v1/orgs).
import createClient, { type ClientOptions } from "openapi-fetch";
import type { paths as CompetitionPaths } from "./generated/competition";
import type { paths as MembershipPaths } from "./generated/membership";
import type { paths as RebatePaths } from "./generated/rebate";

export type * as competition from "./generated/competition";
export type * as membership from "./generated/membership";
export type * as rebate from "./generated/rebate";

type Options = Omit<ClientOptions, "baseUrl">;

function under(gateway: string, service: string): string {
  return `${gateway.replace(/\/+$/, "")}/${service}`;
}

export function membershipClient(gateway: string, options: Options = {}) {
  return createClient<MembershipPaths>({ ...options, baseUrl: under(gateway, "membership") });
}

export function rebateClient(gateway: string, options: Options = {}) {
  return createClient<RebatePaths>({ ...options, baseUrl: under(gateway, "rebate") });
}

export function competitionClient(gateway: string, options: Options = {}) {
  return createClient<CompetitionPaths>({ ...options, baseUrl: under(gateway, "competition") });
}
