/**
 * A real, throwaway WordPress for the plugin's tests: Debian's wordpress package copied into a
 * temporary folder (its own wp-config.php, not /etc/wordpress), a MariaDB server on a unix socket
 * in that folder, PHP's built-in server on a free loopback port, and the plugin installed and
 * activated. integrations/wordpress/test/ensure-wordpress.sh installs the packages.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
export const PLUGIN_DIR = join(root, 'integrations/wordpress/link-checkout');
export const WORDPRESS_DIR = '/usr/share/wordpress';
export const ADMIN = { user: 'admin', password: 'admin-password-0123' };
export const EDITOR = { user: 'editor', password: 'editor-password-0123' };
/** An Author lacks unfiltered_html (an Editor of a single site has it), so kses filters what they save. */
export const AUTHOR = { user: 'author', password: 'author-password-0123' };

/** Installs what is missing when it may; the reason it cannot run otherwise (for the test's name). */
export function ensureWordPress(): { ok: true } | { ok: false; reason: string } {
  const run = spawnSync('bash', [join(root, 'integrations/wordpress/test/ensure-wordpress.sh')], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (run.status === 0) return { ok: true };
  const reason = (run.stderr.split('\n').find((line) => line.trim()) ?? 'ensure-wordpress.sh failed').trim();
  return { ok: false, reason: `${reason} (not root with apt-get, so not installed)` };
}

export interface WordPressSite {
  url: string;
  /** Runs PHP after wp-load.php (WordPress loaded, no user) and returns what it printed. */
  php(code: string): string;
  /** WP_DEBUG_LOG: every PHP notice, warning and error WordPress logged. */
  debugLog(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(what: string, ready: () => boolean | Promise<boolean>, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not start within ${ms / 1000} s`);
}

/**
 * Each server runs in its own process group (spawned detached), and the whole group is killed:
 * `php -S` with PHP_CLI_SERVER_WORKERS forks workers that outlive a killed parent. SIGKILL, as the
 * database and the site are thrown away.
 */
const stopped = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) return resolve();
  child.once('exit', () => resolve());
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
});

/** A minimal classic theme: the post's title and content between wp_head() and wp_footer(). */
const THEME = {
  'style.css': '/*\nTheme Name: Plain test theme\n*/\nbody { font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }\n',
  'functions.php': "<?php\nadd_action( 'wp_enqueue_scripts', function () { wp_enqueue_style( 'plain', get_stylesheet_uri() ); } );\n",
  'index.php': `<!doctype html>
<html <?php language_attributes(); ?>><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><?php wp_head(); ?></head>
<body><main><?php while ( have_posts() ) { the_post(); the_title( '<h1>', '</h1>' ); the_content(); } ?></main><?php wp_footer(); ?></body></html>
`,
};

/**
 * Test-only mu-plugin: no mail (there is no MTA), and with ?module-stand-in a stand-in for
 * WordPress 6.5's wp_enqueue_script_module (Debian 12 ships 6.1) that records and prints what the
 * plugin enqueues, so the plugin's module branch runs too.
 */
const MU_PLUGIN = `<?php
function wp_mail() { return true; }
if ( isset( $_GET['log-marker'] ) ) { error_log( 'test site: debug log on' ); }
if ( isset( $_GET['module-stand-in'] ) && ! function_exists( 'wp_enqueue_script_module' ) ) {
	$GLOBALS['link_checkout_test_modules'] = array();
	function wp_enqueue_script_module( $id, $src = '', $deps = array(), $version = false ) {
		$GLOBALS['link_checkout_test_modules'][ $id ] = $src . ( null === $version ? '' : '?ver=stand-in' );
	}
	add_action( 'wp_footer', function () {
		foreach ( $GLOBALS['link_checkout_test_modules'] as $id => $src ) {
			echo '<script type="module" src="' . esc_url( $src ) . '" id="' . esc_attr( $id ) . '-js-module"></script>' . "\\n";
		}
	} );
}
`;

/**
 * Starts MariaDB and WordPress, installs WordPress (an admin and an editor), activates the plugin
 * with `serverUrl` as its server, and the plain theme.
 */
export async function startWordPress({ serverUrl = '' } = {}): Promise<WordPressSite> {
  const dir = mkdtempSync(join(tmpdir(), 'link-checkout-wp-'));
  const socket = join(dir, 'mysqld.sock');
  const user = userInfo().username;
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await stopped(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${dir}/db`, `--user=${user}`, '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'pipe' });
    const mariadb = spawn('mariadbd', ['--no-defaults', `--datadir=${dir}/db`, `--socket=${socket}`, '--skip-networking', `--user=${user}`, `--pid-file=${dir}/mysqld.pid`, `--log-error=${dir}/mysqld.err`, '--innodb-buffer-pool-size=32M'], { stdio: 'ignore', detached: true });
    children.push(mariadb);
    await waitFor('MariaDB', () => existsSync(socket) && spawnSync('mariadb', ['--no-defaults', '-S', socket, '-u', 'root', '-e', 'CREATE DATABASE IF NOT EXISTS wordpress']).status === 0);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const site = join(dir, 'site');
    // -L: Debian links some files to other packages with relative paths (underscore.js); copy their contents.
    execFileSync('cp', ['-rL', WORDPRESS_DIR, site]);
    const content = join(site, 'wp-content');
    cpSync(PLUGIN_DIR, join(content, 'plugins/link-checkout'), { recursive: true });
    mkdirSync(join(content, 'themes/plain'), { recursive: true });
    for (const [name, text] of Object.entries(THEME)) writeFileSync(join(content, 'themes/plain', name), text);
    mkdirSync(join(content, 'mu-plugins'), { recursive: true });
    writeFileSync(join(content, 'mu-plugins/link-checkout-test.php'), MU_PLUGIN);
    writeFileSync(join(site, 'wp-config.php'), `<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:${socket}' );
define( 'WP_HOME', '${url}' );
define( 'WP_SITEURL', '${url}' );
define( 'WP_CONTENT_DIR', __DIR__ . '/wp-content' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', '${dir}/debug.log' );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true ); // no network but loopback
$table_prefix = 'wp_';
define( 'ABSPATH', __DIR__ . '/' );
require_once ABSPATH . 'wp-settings.php';
`);

    /** `load: false` for code that loads WordPress itself (the installer defines WP_INSTALLING first). */
    const php = (code: string, { load = true } = {}) => {
      const file = join(dir, `cli-${Date.now()}-${Math.random().toString(36).slice(2)}.php`);
      writeFileSync(file, `<?php\n$_SERVER['HTTP_HOST'] = '127.0.0.1:${port}';\n${load ? `require '${site}/wp-load.php';\n` : ''}${code}\n`);
      try {
        return execFileSync('php', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } finally {
        rmSync(file, { force: true });
      }
    };
    php(`define( 'WP_INSTALLING', true );
require '${site}/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install( 'Link Checkout shop', '${ADMIN.user}', 'admin@example.com', true, '', '${ADMIN.password}' );`, { load: false });
    php(`require_once ABSPATH . 'wp-admin/includes/plugin.php';
$activated = activate_plugin( 'link-checkout/link-checkout.php' );
if ( is_wp_error( $activated ) ) { fwrite( STDERR, $activated->get_error_message() ); exit( 1 ); }
switch_theme( 'plain' );
( new WP_User( wp_create_user( '${EDITOR.user}', '${EDITOR.password}', 'editor@example.com' ) ) )->set_role( 'editor' );
( new WP_User( wp_create_user( '${AUTHOR.user}', '${AUTHOR.password}', 'author@example.com' ) ) )->set_role( 'author' );
update_option( 'link_checkout_server_url', '${serverUrl}' );
update_user_meta( 1, 'wp_persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false ) ) );`);

    const server = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', site], { env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' }, stdio: 'ignore', detached: true });
    children.push(server);
    await waitFor('PHP\'s built-in server', async () => {
      try {
        return (await fetch(`${url}/wp-login.php`)).ok;
      } catch {
        return false;
      }
    });
    const debugLog = () => (existsSync(join(dir, 'debug.log')) ? readFileSync(join(dir, 'debug.log'), 'utf8') : '');
    return { url, php, debugLog, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
