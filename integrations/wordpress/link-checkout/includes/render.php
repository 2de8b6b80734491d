<?php
/**
 * The <link-checkout> tag from shortcode or block attributes, and the script that defines it.
 *
 * @package LinkCheckout
 */

defined( 'ABSPATH' ) || exit;

/**
 * The element's attributes by name (generated from its Custom Elements Manifest) that a post may
 * set: all but `server`. The server is the one set in Settings → Link Checkout, by administrators
 * only, so an author cannot send the site's shoppers to a checkout server of their own.
 *
 * @return array<string, array{property: string, type: string, values: string[], description: string}>
 */
function link_checkout_attributes() {
	static $attributes = null;
	if ( null === $attributes ) {
		$attributes = require __DIR__ . '/attributes.php';
		unset( $attributes['server'] );
	}
	return $attributes;
}

/**
 * Whether a boolean attribute's value turns it on. A shortcode writes `collect-phone` bare (WordPress
 * passes it as a positional value) or `collect-phone="yes"`; "false", "no", "off", "0" and "" turn it off.
 *
 * @param mixed $value The value given.
 * @return bool
 */
function link_checkout_is_on( $value ) {
	if ( is_bool( $value ) ) {
		return $value;
	}
	return ! in_array( strtolower( trim( (string) $value ) ), array( '', '0', 'false', 'no', 'off' ), true );
}

/**
 * The tag for the given attributes, by attribute name. Unknown names are dropped, values are
 * escaped with esc_attr, and boolean attributes are written bare when on. Enqueues the script.
 *
 * @param array $given Attribute name => value; numeric keys hold bare names (shortcode flags).
 * @return string HTML.
 */
function link_checkout_tag( array $given ) {
	$bare_names = array_filter( $given, 'is_int', ARRAY_FILTER_USE_KEY );
	$html       = '<link-checkout';
	foreach ( link_checkout_attributes() as $name => $attribute ) {
		$bare = in_array( $name, $bare_names, true );
		if ( 'boolean' === $attribute['type'] ) {
			if ( $bare || ( array_key_exists( $name, $given ) && link_checkout_is_on( $given[ $name ] ) ) ) {
				$html .= ' ' . $name;
			}
		} elseif ( array_key_exists( $name, $given ) && is_scalar( $given[ $name ] ) && '' !== (string) $given[ $name ] ) {
			$html .= ' ' . $name . '="' . esc_attr( (string) $given[ $name ] ) . '"';
		}
	}
	$html .= '></link-checkout>';

	if ( ! link_checkout_enqueue_script() ) {
		// Nothing would define the element: say why to whoever can fix it, and show visitors nothing.
		return current_user_can( 'manage_options' )
			? '<p class="link-checkout-notice">' . esc_html__( 'Link Checkout: set your checkout server\'s URL in Settings → Link Checkout.', 'link-checkout' ) . '</p>'
			: '';
	}
	return $html;
}

/**
 * [link_checkout item="tshirt" customer-email="jenny@example.com" collect-phone]
 *
 * @param array|string $atts As WordPress parsed them ('' when none).
 * @return string
 */
function link_checkout_shortcode( $atts ) {
	return link_checkout_tag( is_array( $atts ) ? $atts : array() );
}

/**
 * Enqueues the element's script from the server set in Settings → Link Checkout: the ES module
 * where WordPress has script modules (6.5+), else the one-file classic build, which needs none.
 *
 * @return bool False when no server is set.
 */
function link_checkout_enqueue_script() {
	$server = link_checkout_server_url();
	if ( '' === $server ) {
		return false;
	}
	if ( function_exists( 'wp_enqueue_script_module' ) ) {
		// A null version adds no ?ver=: the server sets its own caching.
		wp_enqueue_script_module( 'link-checkout', $server . '/link-checkout.js', array(), null );
	} else {
		wp_enqueue_script( 'link-checkout', $server . '/link-checkout.iife.js', array(), null, true );
	}
	return true;
}
