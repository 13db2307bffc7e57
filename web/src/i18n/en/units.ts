/** Reporting units: the police of each jurisdiction, the FIA and other agencies that report cases. */
export const units = {
  'nav.reportingUnits': 'Reporting units',

  'agency.police': 'Police',
  'agency.fia': 'FIA',
  'agency.other': 'Other agency',

  'units.title': 'Reporting units',
  'units.intro':
    'The agencies’ units that report cases: the police of each jurisdiction, the FIA, and others. A focal person belongs to one unit and reads and writes only its cases, in its jurisdictions.',
  'units.count': '{count} reporting units',
  'units.countOne': '1 reporting unit',
  'units.none': 'There are no reporting units yet.',
  'units.tableCaption': 'Reporting units',
  'units.code': 'Code',
  'units.name': 'Name',
  'units.agency': 'Agency',
  'units.jurisdictions': 'Jurisdictions',
  'units.status': 'Status',
  'units.active': 'Active',
  'units.inactive': 'Inactive',
  'units.cases': 'Cases',
  'units.focalPersons': 'Focal persons',
  'units.actions': 'Actions',
  'units.edit': 'Edit',
  'units.editUnit': 'Edit {name}',

  'units.addTitle': 'Add a reporting unit',
  'units.addIntro': 'Such as an FIA zone that reports the cases of one province, or another agency.',
  'units.codeHint':
    'Capital letters, digits and single hyphens, such as FIA-PUNJAB. It never changes once the unit is added.',
  'units.chooseAgency': 'Choose an agency',
  'units.jurisdictionsHint': 'The jurisdictions in which the unit registers cases; at least one.',
  'units.add': 'Add unit',
  'units.added': '{name} ({code}) is added.',

  'units.editTitle': 'Edit {name}',
  'units.editIntro':
    'Changing the jurisdictions, or making the unit inactive, signs its focal persons out; an inactive unit’s focal persons cannot sign in. Its cases and figures stay.',
  'units.activeLabel': 'Active: its focal persons may sign in and report cases',
  'units.save': 'Save unit',
  'units.saved': 'The unit is saved.',
  'units.close': 'Close',

  'units.codeInvalid': 'Use capital letters, digits and single hyphens (at most 40), such as FIA-PUNJAB.',
  'units.nameRequired': 'Enter the unit’s name (at least 2 characters).',
  'units.nameTooLong': 'This name is too long (at most 200 characters).',
  'units.agencyRequired': 'Choose the unit’s agency.',
  'units.jurisdictionsRequired': 'Choose at least one jurisdiction.',
  'units.jurisdictionsInvalid': 'Choose jurisdictions from the list.',
  'units.textControl': 'Remove the invisible control characters (copy the text again or type it).',

  'problem.REPORTING_UNIT.NOT_FOUND': 'This reporting unit no longer exists. Reload the page.',
  'problem.REPORTING_UNIT.EXISTS': 'A reporting unit with this code already exists.',
  'problem.REPORTING_UNIT.INACTIVE':
    'This reporting unit is inactive: it takes no new focal persons, cases or uploads.',
  'problem.REPORTING_UNIT.JURISDICTION_IN_USE':
    'The unit has cases in a jurisdiction this change would take from it. Move or delete those cases first, or keep the jurisdiction.',
  'problem.REPORTING_UNIT.AGENCY_IN_USE': 'The agency of a unit that has cases cannot change.',
  'problem.REPORTING_UNIT.OUTSIDE_JURISDICTIONS': 'The case’s jurisdiction is not one of its reporting unit’s.',

  'admin.audit.action.reporting_unit.create': 'Reporting unit added',
  'admin.audit.action.reporting_unit.update': 'Reporting unit changed',
  'admin.audit.entity.reporting_unit': 'Reporting unit',
} as const;
