import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import {
  DemographicsQueryDto,
  RoutesQueryDto,
  StatisticsQueryDto,
  TrendsQueryDto,
} from 'src/statistics/dto/statistics-query.dto';
import {
  AttritionResponse,
  DemographicsResponse,
  RepeatOffendersResponse,
  RoutesResponse,
  StatisticsSummaryResponse,
  StatusResponse,
  TrendsResponse,
  VulnerabilitiesResponse,
} from 'src/statistics/dto/statistics-response.dto';
import { StatisticsService } from 'src/statistics/statistics.service';

const COMMON =
  'Period `from`…`to` inclusive (at most 50 years). Deleted cases never count. `offenceFamily` defaults to `tip`: ' +
  'smuggling (`som`) and `mixed` cases count only when asked for (`all` counts every case). A focal person sees their own jurisdiction only. ' +
  'A period of whole calendar months is answered from a monthly pre-aggregation that every write keeps exact (brought up to date before the answer); ' +
  'the figures are the same either way.';

@ApiTags('statistics')
@Controller({ path: 'statistics' })
@Roles('admin', 'analyst', 'focal_person')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('summary')
  @ApiOperation({
    summary: 'Rule items (a)–(f), victims identified and suspects, nationally and by jurisdiction',
    description:
      `${COMMON}\n\n(a) casesRegistered: cases whose FIR date falls in the period. ` +
      '(c) casesInvestigated: cases under investigation at any time in the period — FIR date ≤ to and the investigation not concluded, or concluded on/after from (it concludes when the police report is filed: challan, cancellation or untraced). ' +
      '(d) prosecutions.persons: defendants whose prosecution began (challan accepted / charge filed) in the period; prosecutions.cases: their distinct cases. ' +
      '(e) convictions.persons: persons convicted with a judgment date in the period; convictions.cases: their distinct cases. ' +
      '(f) statusAtEnd: every case registered by `to`, counted by its status as at `to` from its dated status history. ' +
      "victimsIdentified: victims whose identified-on date falls in the period, or — without that date — whose case's FIR date does (UNODC detected victims). " +
      'suspects: defendants of the cases registered in the period (UNODC persons brought into formal contact).',
  })
  @ApiOkResponse({ type: StatisticsSummaryResponse })
  summary(@CurrentUser() user: AuthUser, @Query() q: StatisticsQueryDto): Promise<StatisticsSummaryResponse> {
    return this.statistics.summary(user, q);
  }

  @Get('demographics')
  @ApiOperation({
    summary: 'Item (b): persons by sex × age × nationality',
    description:
      `${COMMON}\n\npopulation victims or defendants. scope=prosecuted (default): the persons of cases with a prosecution beginning in the period — item (b); ` +
      'scope=all: of cases registered in the period. Age at the offence: ageGroup child (< 18) / adult / unknown; ageBand 0-11, 12-17, 18-25, 26-40, 41-60, 61+, unknown. Nationality ISO alpha-3, UNK when unknown.',
  })
  @ApiOkResponse({ type: DemographicsResponse })
  demographics(@CurrentUser() user: AuthUser, @Query() q: DemographicsQueryDto): Promise<DemographicsResponse> {
    return this.statistics.demographics(user, q);
  }

  @Get('trends')
  @ApiOperation({
    summary: 'One metric per month, quarter or year, every period present',
    description:
      `${COMMON}\n\nMetrics count as in the summary: casesRegistered by FIR date; casesInvestigated = cases under investigation at any time in the period; ` +
      'prosecutions by prosecution start; convictions by judgment date; victims by identified-on date (else FIR date). The first and last periods are clipped to from/to. ' +
      'groupBy sex applies to victims, prosecutions and convictions (the defendant’s sex); exploitationForm groups by the case’s forms (a case with several counts in each; none = unspecified).',
  })
  @ApiOkResponse({ type: TrendsResponse })
  trends(@CurrentUser() user: AuthUser, @Query() q: TrendsQueryDto): Promise<TrendsResponse> {
    return this.statistics.trends(user, q);
  }

  @Get('routes')
  @ApiOperation({
    summary: 'Origin → destination flows, transit places, and origin → transit → destination legs',
    description:
      `${COMMON}\n\nCases registered in the period, by the origin (first origin point) and destination (last destination point) of their route; victims = the victims of those cases. ` +
      'transits: the cases with a transit point at each place (a case once per place). ' +
      'legs (the Sankey origin → transit → destination), each in cases: a case with transit points counts once in `origin-transit` (its origin → the place) and once in `transit-destination` (the place → its destination) ' +
      'for each distinct place it passes at the level (through two places: in the legs of each; twice through one place: once); a case without a transit point counts once in `origin-destination`. ' +
      '`unknown` names a missing origin or destination; a route with no point at all is not counted. The case list selects the cases of a leg with origin and transit, transit and destination, or origin, destination and transit=none. ' +
      'level country: ISO alpha-3; jurisdiction: a point in Pakistan with a district counts as its jurisdiction; district: its P-code. Points abroad stay countries. Sorted by cases, each list at most `limit`; use traffickingType to split internal and transnational.',
  })
  @ApiOkResponse({ type: RoutesResponse })
  routes(@CurrentUser() user: AuthUser, @Query() q: RoutesQueryDto): Promise<RoutesResponse> {
    return this.statistics.routes(user, q);
  }

  @Get('status')
  @ApiOperation({
    summary: 'Item (f) in aggregate: cases by status as at `to`, by jurisdiction',
    description: `${COMMON}\n\nEvery case registered by \`to\`, by its status on that date from its status history. The case-level list is GET /cases?status=….`,
  })
  @ApiOkResponse({ type: StatusResponse })
  status(@CurrentUser() user: AuthUser, @Query() q: StatisticsQueryDto): Promise<StatusResponse> {
    return this.statistics.status(user, q);
  }

  @Get('attrition')
  @ApiOperation({
    summary: 'What became of the cases registered in the period',
    description:
      `${COMMON}\n\nThe cases registered in the period, followed to today: how many had the investigation concluded, reached challan (a status of challan submitted or later), ` +
      'were prosecuted, had a conviction, and ever were acquitted, cancelled or untraced; median days FIR → challan, challan → first judgment, FIR → first judgment (null without data).',
  })
  @ApiOkResponse({ type: AttritionResponse })
  attrition(@CurrentUser() user: AuthUser, @Query() q: StatisticsQueryDto): Promise<AttritionResponse> {
    return this.statistics.attrition(user, q);
  }

  @Get('vulnerabilities')
  @ApiOperation({
    summary: 'Victims by vulnerability × sex × age group, and their districts of residence',
    description: `${COMMON}\n\nVictims counted as in victimsIdentified. A victim with several vulnerabilities counts in each. Hotspots: the 25 districts of residence with most victims.`,
  })
  @ApiOkResponse({ type: VulnerabilitiesResponse })
  vulnerabilities(@CurrentUser() user: AuthUser, @Query() q: StatisticsQueryDto): Promise<VulnerabilitiesResponse> {
    return this.statistics.vulnerabilities(user, q);
  }

  @Get('repeat-offenders')
  @Roles('admin', 'analyst')
  @ApiOperation({
    summary: 'Defendants whose CNIC appears in two or more cases',
    description: `${COMMON}\n\nLinked by the keyed CNIC hash among cases registered in the period; each offender is named by a pseudonym valid only in this answer — never the CNIC or its hash.`,
  })
  @ApiOkResponse({ type: RepeatOffendersResponse })
  repeatOffenders(@CurrentUser() user: AuthUser, @Query() q: StatisticsQueryDto): Promise<RepeatOffendersResponse> {
    return this.statistics.repeatOffenders(user, q);
  }
}
