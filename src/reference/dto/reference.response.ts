export class CountryResponse {
  /** ISO 3166-1 alpha-3. */
  alpha3!: string;
  alpha2!: string;
  /** English short name. */
  name!: string;
}

export class LawSectionResponse {
  /** `ACT-SECTION`, e.g. `PTPA-3`. */
  code!: string;
  act!: string;
  section!: string;
  /** The offence family the section evidences. */
  family!: string;
  title!: string;
}

export class CodeItemResponse {
  code!: string;
  label!: string;
}

/** Every coded list, each in its order: the stored lists with their labels, the fixed enumerations labelled by their codes. */
export class CodeListsResponse {
  exploitation_form!: CodeItemResponse[];
  vulnerability!: CodeItemResponse[];
  defendant_role!: CodeItemResponse[];
  case_status!: CodeItemResponse[];
  offence_family!: CodeItemResponse[];
  trafficking_type!: CodeItemResponse[];
  reporting_agency!: CodeItemResponse[];
  sex!: CodeItemResponse[];
  custody_status!: CodeItemResponse[];
  prosecution_outcome!: CodeItemResponse[];
  appeal_status!: CodeItemResponse[];
  referral!: CodeItemResponse[];
}
