// The WordPress plugin (integrations/wordpress/link-checkout) on a real WordPress: Debian's
// wordpress package, MariaDB and PHP's built-in server (wordpress-site.ts). Pages are read over
// HTTP as a visitor's browser gets them; the settings page, the block editor and a payment run in
// chromium against the real checkout server on the sandbox.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { findElement, readManifest, settableAttributes } from '../../scripts/docs-manifest.ts';
import { fillCheckout, launchBrowser, screenshot, startServer, type RunningServer } from '../e2e/harness.ts';
import { ADMIN, AUTHOR, EDITOR, ensureWordPress, startWordPress, type WordPressSite } from './wordpress-site.ts';

const installed = ensureWordPress();
// What a post may set: every settable attribute but `server`, which only Settings sets.
const attributes = settableAttributes(findElement(readManifest())).filter((a) => a.name !== 'server');

/** The <link-checkout …> tags a page holds. */
const tags = (html: string) => [...html.matchAll(/<link-checkout\b[^>]*>/g)].map((m) => m[0]);
/** A PHP single-quoted string. */
const php = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

if (!installed.ok) {
  test(`WordPress plugin on a real WordPress: SKIPPED, ${installed.reason}`, { skip: installed.reason }, () => {});
} else {
  describe('WordPress plugin on a real WordPress (Debian 12 wordpress 6.1, MariaDB, php -S)', () => {
    let wp: WordPressSite;
    let checkoutServer: RunningServer;
    let browser: Browser;
    const post = (content: string, author = 1) =>
      wp.php(`wp_set_current_user( ${author} ); echo wp_insert_post( array( 'post_title' => 'Shop', 'post_status' => 'publish', 'post_content' => ${php(content)} ) );`).trim();
    const page = async (id: string, query = '') => (await fetch(`${wp.url}/?p=${id}${query}`)).text();

    before(async () => {
      checkoutServer = await startServer();
      wp = await startWordPress({ serverUrl: checkoutServer.origin });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await wp?.stop();
      await checkoutServer?.stop();
    });

    test('the shortcode takes every attribute of the element (from its manifest) but server, flat, in the manifest\'s order', async () => {
      const given = attributes.map((a) => (a.kind === 'boolean' ? a.name : `${a.name}="v-${a.name}"`));
      const html = await page(post(`[link_checkout ${[...given].reverse().join(' ')} unknown="x" onclick="alert(1)" server="https://elsewhere.example"]`));
      const expected = `<link-checkout ${attributes.map((a) => (a.kind === 'boolean' ? a.name : `${a.name}="v-${a.name}"`)).join(' ')}>`;
      assert.deepEqual(tags(html), [expected]);
    });

    test('values are escaped with esc_attr: quotes and markup stay inside the attribute', async () => {
      const html = await page(post(`[link_checkout item="mug" label='Tea & "cake"']`));
      assert.deepEqual(tags(html), ['<link-checkout item="mug" label="Tea &amp; &quot;cake&quot;">']);
      // Markup in a value: what the plugin does with whatever WordPress hands it.
      const hostile = wp.php(`echo do_shortcode( ${php(`[link_checkout item='"><script>alert(1)</script>' label='<b>now</b>']`)} );`);
      assert.equal(hostile, '<link-checkout item="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" label="&lt;b&gt;now&lt;/b&gt;"></link-checkout>');
    });

    test('a boolean attribute is on when bare or "yes", off when "no", "false", "0" or empty', async () => {
      const html = await page(post('[link_checkout item="mug" collect-phone required="yes" amount-editable="no" disabled="false"]\n\n[link_checkout item="mug" required="0" disabled=""]'));
      assert.deepEqual(tags(html), ['<link-checkout item="mug" collect-phone required>', '<link-checkout item="mug">']);
    });

    test('the block renders the same tag from its saved attributes (by property name); unknown ones and server are dropped', async () => {
      const saved = Object.fromEntries(attributes.map((a) => [a.property, a.kind === 'boolean' ? true : a.kind === 'number' ? 2500 : `v-${a.name}`]));
      const html = await page(post(`<!-- wp:link-checkout/checkout ${JSON.stringify({ ...saved, unknown: 'x', server: 'https://elsewhere.example' })} /-->`));
      const expected = `<link-checkout ${attributes.map((a) => (a.kind === 'boolean' ? a.name : `${a.name}="${a.kind === 'number' ? 2500 : `v-${a.name}`}"`)).join(' ')}>`;
      assert.deepEqual(tags(html), [expected]);
      const off = await page(post('<!-- wp:link-checkout/checkout {"item":"mug","collectPhone":false} /-->'));
      assert.deepEqual(tags(off), ['<link-checkout item="mug">']);
    });

    test('WordPress 6.1 gets the one-file classic script from the server, once per page, in the footer', async () => {
      const html = await page(post('[link_checkout item="mug"]\n\n<!-- wp:link-checkout/checkout {"item":"tshirt"} /-->'));
      const scripts = [...html.matchAll(/<script\b[^>]*src=['"]([^'"]+)['"][^>]*>/g)].map((m) => m[1]).filter((src) => src.includes('link-checkout'));
      assert.deepEqual(scripts, [`${checkoutServer.origin}/link-checkout.iife.js`]);
      assert.ok(html.indexOf('link-checkout.iife.js') > html.indexOf('</main>'), 'printed in the footer, after the content');
    });

    test('with wp_enqueue_script_module (WordPress 6.5+, a stand-in here) it enqueues the ES module instead', async () => {
      const html = await page(post('[link_checkout item="mug"]'), '&module-stand-in');
      assert.match(html, new RegExp(`<script type="module" src="${checkoutServer.origin}/link-checkout\\.js" id="link-checkout-js-module">`));
      assert.doesNotMatch(html, /link-checkout\.iife\.js/);
    });

    test('with no server set, visitors see nothing and no script; an admin sees what to set', async () => {
      const id = post('[link_checkout item="mug"]');
      wp.php("update_option( 'link_checkout_server_url', '' );");
      try {
        const html = await page(id);
        assert.deepEqual(tags(html), []);
        assert.doesNotMatch(html, /link-checkout(\.iife)?\.js|link-checkout-notice/);
        const asAdmin = wp.php(`wp_set_current_user( 1 ); echo do_shortcode( '[link_checkout item="mug"]' );`);
        assert.match(asAdmin, /<p class="link-checkout-notice">Link Checkout: set your checkout server&#039;s URL in Settings → Link Checkout\.<\/p>/);
      } finally {
        wp.php(`update_option( 'link_checkout_server_url', ${php(checkoutServer.origin)} );`);
      }
    });

    test('kses: the raw <link-checkout> tag an Author saves is stripped; their shortcode and block survive', async () => {
      const userId = (login: string) => Number(wp.php(`echo get_user_by( 'login', '${login}' )->ID;`).trim());
      const content = '<link-checkout item="raw"></link-checkout>\n\n[link_checkout item="short"]\n\n<!-- wp:link-checkout/checkout {"item":"block"} /-->';
      const byAuthor = await page(post(content, userId(AUTHOR.user)));
      assert.deepEqual(tags(byAuthor), ['<link-checkout item="short">', '<link-checkout item="block">']);
      // Administrators and Editors of a single site have unfiltered_html: the raw tag is kept.
      for (const login of [ADMIN.user, EDITOR.user]) {
        assert.deepEqual(tags(await page(post(content, userId(login)))), ['<link-checkout item="raw">', '<link-checkout item="short">', '<link-checkout item="block">'], login);
      }
    });

    /** A tab that reaches loopback only: WordPress's pages ask gravatar.com for avatars. */
    async function newTab(width = 1000): Promise<Page> {
      const tab = await browser.newPage({ viewport: { width, height: 800 } });
      await tab.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.abort());
      return tab;
    }

    async function logIn(user: { user: string; password: string }): Promise<Page> {
      const tab = await newTab();
      await tab.goto(`${wp.url}/wp-login.php`);
      await tab.locator('#user_login').fill(user.user);
      await tab.locator('#user_pass').fill(user.password);
      await tab.locator('#wp-submit').click();
      await tab.waitForURL(/wp-admin/);
      return tab;
    }
    const savedServer = () => wp.php("echo get_option( 'link_checkout_server_url' );");

    test('Settings → Link Checkout: an admin saves the server as an origin; a bad URL is refused and the old one kept', async () => {
      const tab = await logIn(ADMIN);
      try {
        // Settings → Link Checkout is in the admin menu (a submenu link, shown when Settings is open).
        assert.equal(await tab.locator('#adminmenu a[href="options-general.php?page=link-checkout"]').textContent(), 'Link Checkout');
        await tab.goto(`${wp.url}/wp-admin/options-general.php?page=link-checkout`);
        await tab.getByRole('heading', { name: 'Link Checkout' }).waitFor();
        await tab.getByLabel('Server URL').fill('https://pay.example.com:8443/link-checkout.js?x=1');
        await tab.getByRole('button', { name: 'Save Changes' }).click();
        await tab.getByText('Settings saved.').waitFor();
        assert.equal(savedServer(), 'https://pay.example.com:8443');
        assert.equal(await tab.getByLabel('Server URL').inputValue(), 'https://pay.example.com:8443');

        await tab.getByLabel('Server URL').fill('javascript:alert(1)');
        // The field is type=url: skip the browser's own check to reach the server's.
        await tab.locator('form').evaluate((form) => form.setAttribute('novalidate', ''));
        await tab.getByRole('button', { name: 'Save Changes' }).click();
        await tab.getByText(/The server URL must be an http:\/\/ or https:\/\/ address/).waitFor();
        assert.equal(savedServer(), 'https://pay.example.com:8443');
        await screenshot(tab, 'wordpress-settings');
      } finally {
        await tab.close();
        wp.php(`update_option( 'link_checkout_server_url', ${php(checkoutServer.origin)} );`);
      }
    });

    test('Settings → Link Checkout needs manage_options and the Settings API\'s nonce', async () => {
      const tab = await logIn(EDITOR);
      try {
        const response = await tab.goto(`${wp.url}/wp-admin/options-general.php?page=link-checkout`);
        assert.equal(response?.status(), 403);
        await tab.getByText('Sorry, you are not allowed to access this page.').waitFor();
        const posted = await tab.request.post(`${wp.url}/wp-admin/options.php`, { form: { option_page: 'link_checkout', action: 'update', link_checkout_server_url: 'https://evil.example' }, maxRedirects: 0 });
        assert.ok(posted.status() >= 400, `an editor's POST to options.php is refused (${posted.status()})`);
      } finally {
        await tab.close();
      }
      const admin = await logIn(ADMIN);
      try {
        // An admin's session, but no nonce: what a forged cross-site form would send.
        const posted = await admin.request.post(`${wp.url}/wp-admin/options.php`, { form: { option_page: 'link_checkout', action: 'update', link_checkout_server_url: 'https://evil.example' }, maxRedirects: 0 });
        assert.ok(posted.status() >= 400, `a POST without the nonce is refused (${posted.status()})`);
        assert.match(await posted.text(), /The link you followed has expired/);
      } finally {
        await admin.close();
      }
      assert.equal(savedServer(), checkoutServer.origin);
    });

    test('the block editor: the block offers a control per attribute; what is set there is on the published page', async () => {
      const tab = await logIn(ADMIN);
      try {
        await tab.goto(`${wp.url}/wp-admin/post-new.php`);
        await tab.waitForFunction(() => (window as any).wp?.blocks?.getBlockType('link-checkout/checkout'), undefined, { timeout: 30_000 });
        const registered = await tab.evaluate(() => Object.keys((window as any).wp.blocks.getBlockType('link-checkout/checkout').attributes));
        assert.deepEqual(attributes.map((a) => a.property).filter((p) => !registered.includes(p)), [], 'every attribute is a block attribute');
        assert.ok(!registered.includes('server'), 'but server, which only Settings sets');
        await tab.evaluate(() => {
          const { wp } = window as any;
          wp.data.dispatch('core/editor').editPost({ title: 'Block shop', status: 'publish' });
          const block = wp.blocks.createBlock('link-checkout/checkout', {});
          wp.data.dispatch('core/block-editor').insertBlocks(block);
          wp.data.dispatch('core/block-editor').selectBlock(block.clientId);
          wp.data.dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
        });
        const sidebar = tab.locator('.interface-complementary-area');
        await sidebar.getByLabel('item', { exact: true }).fill('tshirt');
        await sidebar.getByLabel('customer-email', { exact: true }).fill('jenny@example.com');
        await sidebar.getByLabel('collect-phone', { exact: true }).check();
        await tab.locator('.link-checkout-block code', { hasText: 'item="tshirt"' }).waitFor();
        await screenshot(tab, 'wordpress-block-editor');
        await tab.evaluate(() => (window as any).wp.data.dispatch('core/editor').savePost());
        await tab.waitForFunction(() => (window as any).wp.data.select('core/editor').didPostSaveRequestSucceed(), undefined, { timeout: 15_000 });
        const id = await tab.evaluate(() => (window as any).wp.data.select('core/editor').getCurrentPostId());
        assert.deepEqual(tags(await page(String(id))), ['<link-checkout item="tshirt" customer-email="jenny@example.com" collect-phone>']);
      } finally {
        await tab.close();
      }
    });

    test('a visitor pays on the WordPress page: the server\'s script loads, the checkout gets ready, 4242 pays', async () => {
      const id = post('[link_checkout item="tshirt" customer-email="jenny@example.com" customer-name="Jenny Rosen"]');
      const visitor = await newTab(900);
      const errors: Error[] = [];
      visitor.on('pageerror', (error) => errors.push(error));
      try {
        await visitor.goto(`${wp.url}/?p=${id}`);
        await visitor.locator('link-checkout[state="ready"]').waitFor({ timeout: 20_000 });
        await fillCheckout(visitor, '4242 4242 4242 4242');
        await visitor.locator('link-checkout').locator('[part="pay-button"]').click();
        await visitor.locator('link-checkout[state="succeeded"]').waitFor({ timeout: 20_000 });
        await screenshot(visitor, 'wordpress-paid');
        assert.deepEqual(errors, []);
      } finally {
        await visitor.close();
      }
    });

    test('the plugin logged no PHP notice, warning or error (WP_DEBUG)', async () => {
      await fetch(`${wp.url}/?log-marker`);
      // WordPress 6.1's own deprecations under PHP 8.2 are in the log too; none may be ours.
      const ours = wp.debugLog().split('\n').filter((line) => line.includes('plugins/link-checkout') || line.includes('link_checkout'));
      assert.match(wp.debugLog(), /test site: debug log on/, 'the log is written (the mu-plugin logs this line)');
      assert.deepEqual(ours, []);
    });
  });
}
