import type { EmulatorContext } from "../../context";
import type { Application } from "../../directory/model";
import type { RequestContext } from "../../support/http";
import type { TenantSegment } from "../tenant-segment";

export interface GrantInput {
  ectx: EmulatorContext;
  http: RequestContext;
  form: URLSearchParams;
  segment: TenantSegment;
  client: Application;
  clientAuth: "1" | "2";
}
