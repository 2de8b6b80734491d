<?php
/**
 * Deleting the plugin deletes its one setting.
 *
 * @package LinkCheckout
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'link_checkout_server_url' );
