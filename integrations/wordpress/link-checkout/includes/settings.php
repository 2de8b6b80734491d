<?php
/**
 * Settings → Link Checkout: the checkout server's URL. The Settings API gives options.php's nonce
 * and its manage_options check; the value is sanitized to an http(s) origin.
 *
 * @package LinkCheckout
 */

defined( 'ABSPATH' ) || exit;

const LINK_CHECKOUT_OPTION = 'link_checkout_server_url';

add_action( 'admin_menu', 'link_checkout_add_settings_page' );
add_filter( 'plugin_action_links_' . plugin_basename( LINK_CHECKOUT_PLUGIN_FILE ), 'link_checkout_action_links' );

/** The server's origin, e.g. https://pay.example.com, or '' when not set. */
function link_checkout_server_url() {
	return (string) get_option( LINK_CHECKOUT_OPTION, '' );
}

function link_checkout_register_setting() {
	register_setting(
		'link_checkout',
		LINK_CHECKOUT_OPTION,
		array(
			'type'              => 'string',
			'description'       => __( 'The Link Checkout server that serves /link-checkout.js.', 'link-checkout' ),
			'sanitize_callback' => 'link_checkout_sanitize_server_url',
			'default'           => '',
		)
	);
}

/**
 * An http(s) URL reduced to its origin (the widget talks to the origin it was loaded from, so a
 * path would be ignored anyway). Anything else keeps the saved value and says why.
 *
 * @param mixed $value As submitted.
 * @return string
 */
function link_checkout_sanitize_server_url( $value ) {
	$value = trim( (string) $value );
	if ( '' === $value ) {
		return '';
	}
	$url   = esc_url_raw( $value, array( 'http', 'https' ) );
	$parts = '' === $url ? false : wp_parse_url( $url );
	if ( ! $parts || empty( $parts['host'] ) || empty( $parts['scheme'] ) ) {
		add_settings_error( LINK_CHECKOUT_OPTION, 'invalid', __( 'The server URL must be an http:// or https:// address, e.g. https://pay.example.com. It was not saved.', 'link-checkout' ) );
		return link_checkout_server_url();
	}
	return $parts['scheme'] . '://' . $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
}

function link_checkout_add_settings_page() {
	add_options_page( __( 'Link Checkout', 'link-checkout' ), __( 'Link Checkout', 'link-checkout' ), 'manage_options', 'link-checkout', 'link_checkout_render_settings_page' );
}

function link_checkout_render_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'Link Checkout', 'link-checkout' ); ?></h1>
		<form action="options.php" method="post">
			<?php settings_fields( 'link_checkout' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="link-checkout-server"><?php esc_html_e( 'Server URL', 'link-checkout' ); ?></label></th>
					<td>
						<input type="url" class="regular-text code" id="link-checkout-server" name="<?php echo esc_attr( LINK_CHECKOUT_OPTION ); ?>" value="<?php echo esc_attr( link_checkout_server_url() ); ?>" placeholder="https://pay.example.com" aria-describedby="link-checkout-server-description">
						<p class="description" id="link-checkout-server-description">
							<?php esc_html_e( 'Your Link Checkout server. Pages with the shortcode or the block load its script, and the checkout talks to it. Its ALLOWED_ORIGINS must include this site.', 'link-checkout' ); ?>
						</p>
					</td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
		<h2><?php esc_html_e( 'Usage', 'link-checkout' ); ?></h2>
		<p><?php esc_html_e( 'Add the Link Checkout block, or a shortcode with any of the element\'s attributes:', 'link-checkout' ); ?></p>
		<p><code>[link_checkout item="tshirt"]</code></p>
	</div>
	<?php
}

/**
 * A Settings link beside Deactivate on the Plugins page.
 *
 * @param string[] $links The row's links.
 * @return string[]
 */
function link_checkout_action_links( $links ) {
	array_unshift( $links, '<a href="' . esc_url( admin_url( 'options-general.php?page=link-checkout' ) ) . '">' . esc_html__( 'Settings', 'link-checkout' ) . '</a>' );
	return $links;
}
