export class AboutResponse {
  /** Always `TIP case database`. */
  name!: string;
  /** The service's version (package.json). */
  version!: string;
  /** True when the service runs on demonstration data (`npm run demo`): pages show a banner. */
  demo!: boolean;
}
