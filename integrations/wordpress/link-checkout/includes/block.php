<?php
/**
 * The Link Checkout block: dynamic (the post stores only its attributes; PHP renders the tag, so
 * kses never sees a <link-checkout> in the content), with an editor script in plain JavaScript on
 * WordPress's globals, so the plugin needs no build step.
 *
 * @package LinkCheckout
 */

defined( 'ABSPATH' ) || exit;

/** Block attribute types by the element's attribute types. */
function link_checkout_block_attributes() {
	$attributes = array();
	foreach ( link_checkout_attributes() as $attribute ) {
		$attributes[ $attribute['property'] ] = array( 'type' => $attribute['type'] );
	}
	return $attributes;
}

function link_checkout_register_block() {
	wp_register_script(
		'link-checkout-block-editor',
		plugins_url( 'block/editor.js', LINK_CHECKOUT_PLUGIN_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-components', 'wp-block-editor' ),
		'0.1.0',
		true
	);
	// The editor builds one control per attribute from the same list the server renders from.
	$config = array(
		'name'       => 'link-checkout/checkout',
		'attributes' => array_map(
			static function ( $name, $attribute ) {
				return array( 'name' => $name ) + $attribute;
			},
			array_keys( link_checkout_attributes() ),
			array_values( link_checkout_attributes() )
		),
	);
	wp_add_inline_script( 'link-checkout-block-editor', 'window.linkCheckoutBlock = ' . wp_json_encode( $config ) . ';', 'before' );

	register_block_type(
		'link-checkout/checkout',
		array(
			'api_version'     => 3,
			'title'           => __( 'Link Checkout', 'link-checkout' ),
			'description'     => __( 'A Stripe Link checkout: a payment, a saved payment method or a subscription.', 'link-checkout' ),
			'category'        => 'widgets',
			'icon'            => 'cart',
			'attributes'      => link_checkout_block_attributes(),
			'editor_script'   => 'link-checkout-block-editor',
			'render_callback' => 'link_checkout_render_block',
		)
	);
}

/**
 * The tag for a block's attributes (keyed by property, e.g. amountEditable).
 *
 * @param array $block_attributes As saved in the post, with the registered types.
 * @return string
 */
function link_checkout_render_block( $block_attributes ) {
	$given = array();
	foreach ( link_checkout_attributes() as $name => $attribute ) {
		if ( isset( $block_attributes[ $attribute['property'] ] ) ) {
			$given[ $name ] = $block_attributes[ $attribute['property'] ];
		}
	}
	return link_checkout_tag( $given );
}
