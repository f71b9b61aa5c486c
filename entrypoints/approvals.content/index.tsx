/**
 * On an approval page of the OpenTrain app: a read-only panel, in its own shadow root, with
 * the agent's request, its context and its risks. It never touches the app's page, never
 * sees the token, and makes no API call: it asks the background.
 */
import { render } from 'preact';
import { i18n } from '#i18n';
import { ApprovalPanel } from '@/components/ApprovalPanel';
import { approvalIdFromPath } from '@/lib/api/origin';
import { panelRoute } from '@/lib/page-route';
import type { PanelResponse } from '@/lib/messages';
import { send } from '@/utils/messaging';
import panelCss from './style.css?inline';

export default defineContentScript({
  matches: ['https://app.opentrain.ai/approvals/*'],
  runAt: 'document_idle',
  // The styles travel inline into the shadow root: no extension file is exposed to web pages.
  cssInjectionMode: 'manual',
  async main(ctx) {
    let approvalId: string | null = null;
    let contractId: string | null = null;
    let data: PanelResponse | null = null;
    let collapsed = false;
    let container: HTMLElement | null = null;
    let requestSeq = 0;

    const ui = await createShadowRootUi(ctx, {
      name: 'ot-approval-panel',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: panelCss,
      inheritStyles: true, // style.css resets the host itself, with the position the panel needs
      onMount(root) {
        container = root;
        paint();
        return root;
      },
      onRemove(root) {
        if (root) render(null, root);
        container = null;
      },
    });

    const paint = () => {
      if (!container) return;
      render(<ApprovalPanel data={data} collapsed={collapsed} nowMs={Date.now()} onToggle={toggle} />, container);
    };
    const toggle = () => {
      collapsed = !collapsed;
      paint();
      void send({ type: 'setPanelCollapsed', collapsed });
    };

    const ask = (id: string, fresh: boolean) => send({ type: 'panel', approvalId: id, fresh });

    async function load(id: string) {
      const seq = ++requestSeq;
      approvalId = id;
      data = null;
      paint();
      // The cached answer paints at once; the fresh read replaces it.
      for (const fresh of [false, true]) {
        let answer: PanelResponse;
        try {
          answer = await ask(id, fresh);
        } catch {
          answer = {
            ok: false,
            reason: 'error',
            collapsed,
            problem: { title: i18n.t('panel.notResponding.title'), action: i18n.t('panel.notResponding.action') },
          };
        }
        if (seq !== requestSeq) return;
        if (!fresh && !answer.ok && answer.reason === 'not_cached') continue;
        data = answer;
        collapsed = answer.collapsed;
        contractId = answer.ok ? (answer.approval.contractId ?? null) : null;
        paint();
      }
    }

    const follow = (pathname: string) => {
      const route = panelRoute(pathname, approvalId ? { approvalId, contractId } : null);
      // On the panel's own host, for whoever needs to know which page it last followed (tests).
      ui.shadowHost.dataset.path = pathname;
      if (route.kind === 'approval') {
        if (!ui.mounted) ui.mount();
        if (route.approvalId !== approvalId) void load(route.approvalId);
      } else if (route.kind === 'leave') {
        approvalId = null;
        ui.remove();
      }
    };

    const invalid: PanelResponse = {
      ok: false,
      reason: 'invalid_id',
      collapsed,
      problem: { title: i18n.t('panel.invalidId.title'), action: i18n.t('panel.invalidId.action') },
    };
    if (approvalIdFromPath(location.pathname)) {
      follow(location.pathname);
    } else {
      data = invalid;
      ui.mount();
    }
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => follow(newUrl.pathname));
    // The live countdown.
    ctx.setInterval(() => data?.ok && !collapsed && paint(), 1000);
  },
});
