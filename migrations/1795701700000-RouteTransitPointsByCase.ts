import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's transit points, found by the case: the routes' transits and legs look them up for the
 * cases a figure counts (a district's, an edge day's), which the planner otherwise reads by
 * scanning every route point when transits are rare.
 */
export class RouteTransitPointsByCase1795701700000 implements MigrationInterface {
  name = 'RouteTransitPointsByCase1795701700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_route_points_transit_case" ON "route_points" ("case_id") WHERE "kind" = 'transit'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_route_points_transit_case"`);
  }
}
