/** How exports made in demo mode say what they hold (on their cover, first thing). */
export const DEMO_MARK = 'Demonstration data';

export const DEMO_NOTICE = `${DEMO_MARK}: synthetic cases made up to show the service. Not real figures; not for any use.`;

/** The style of the notice in a workbook: bold, dark red. */
export const DEMO_NOTICE_FONT = { bold: true, size: 14, color: { argb: 'FFC00000' } } as const;
