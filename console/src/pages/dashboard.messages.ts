/** The dashboard's own words: loaded with its chunk, not with every page. */
export const DASHBOARD_MESSAGES = {
  zh: {
    entriesToday: '今日通行',
    entriesPerHour: '今日每小时通行',
    entriesChartLabel: '今日通过 {passed} 人次，未通过 {denied} 人次',
    waitingForReview: '待审核',
    visitorsToday: '今日访客',
    expected: '待到访',
    onSite: '在访',
    gone: '已离开',
    doorsOffline: '离线终端',
    allDoorsOnline: '所有终端在线',
    offlineSince: '自 {at} 起离线',
    neverSeen: '从未连接',
    refusalsToday: '今日未通过',
    noRefusals: '今日无未通过记录',
    blacklisted: '黑名单',
  },
  en: {
    entriesToday: 'Entries today',
    entriesPerHour: 'Entries per hour today',
    entriesChartLabel: 'Today {passed} passed, {denied} refused',
    waitingForReview: 'Waiting',
    visitorsToday: 'Visitors today',
    expected: 'Expected',
    onSite: 'On site',
    gone: 'Gone',
    doorsOffline: 'Doors offline',
    allDoorsOnline: 'Every door is online',
    offlineSince: 'offline since {at}',
    neverSeen: 'never connected',
    refusalsToday: 'Refused today',
    noRefusals: 'No one refused today',
    blacklisted: 'blacklisted',
  },
};

export type DashboardKey = keyof (typeof DASHBOARD_MESSAGES)['zh'];
