/** A reporting unit's code as requests name it: upper-case letters, digits and single hyphens, at most 40 (`POLICE-PK-PB`, `FIA`). */
export const UNIT_CODE = /^(?=.{1,40}$)[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
