import type { AlarmsPort } from './ports';

export const browserAlarms: AlarmsPort = {
  async create(name, when) {
    await browser.alarms.create(name, { when });
  },
  async clear(name) {
    await browser.alarms.clear(name);
  },
  async exists(name) {
    return Boolean(await browser.alarms.get(name));
  },
};
