import { Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import classes from '../passport/passport.module.css';
import { useLeaveGuard } from './unsaved-changes';
import { useTabInView } from './use-tab-in-view';

export interface TabDef {
  value: string;
  label: string;
  panel: ReactNode;
}

interface UrlTabsProps {
  tabs: TabDef[];
  /** Open when `?tab=` names none of the tabs; it has no `?tab=` of its own. */
  defaultTab: string;
  /** The accessible name of the row of tabs. */
  label: string;
}

/** Tabs whose open one is `?tab=` in the URL, so a reload keeps it. */
export function UrlTabs({ tabs, defaultTab, label }: UrlTabsProps) {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active = tabs.some((tab) => tab.value === requested) ? (requested as string) : defaultTab;
  const listRef = useTabInView(active);
  const leave = useLeaveGuard();

  const onChange = (value: string | null) => {
    if (!value || value === active) return;
    // Another tab drops the open form of this one: with unsaved changes, ask first.
    // Only `tab`: the search and filters of a tab belong to it, not to the next one.
    leave(() => setParams(value === defaultTab ? {} : { tab: value }, { replace: true }));
  };

  return (
    <Tabs value={active} onChange={onChange} keepMounted={false}>
      <Tabs.List ref={listRef} className={classes.list} aria-label={label}>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value} className={classes.tab}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((tab) => (
        <Tabs.Panel key={tab.value} value={tab.value} pt="md">
          {tab.panel}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
