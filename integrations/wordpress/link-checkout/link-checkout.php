<?php
/**
 * Plugin Name:       Link Checkout
 * Description:       A Stripe Link checkout on any page: the [link_checkout] shortcode or the Link Checkout block, served by your Link Checkout server.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       link-checkout
 *
 * @package LinkCheckout
 */

defined( 'ABSPATH' ) || exit;

define( 'LINK_CHECKOUT_PLUGIN_FILE', __FILE__ );

require_once __DIR__ . '/includes/render.php';
require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/block.php';

add_action( 'init', 'link_checkout_register' );

/** The shortcode, the block and the setting, on every request (the block editor and options.php need them too). */
function link_checkout_register() {
	add_shortcode( 'link_checkout', 'link_checkout_shortcode' );
	link_checkout_register_setting();
	link_checkout_register_block();
}
