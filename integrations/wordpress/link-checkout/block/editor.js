/**
 * The Link Checkout block in the editor: one control per attribute of <link-checkout> in the
 * sidebar, and the tag it makes in the canvas. Plain JavaScript on WordPress's globals (no JSX, no
 * build step). window.linkCheckoutBlock comes from includes/block.php: the attributes, with their
 * types, allowed values and descriptions, as the element's manifest has them.
 */
( function ( blocks, element, components, blockEditor, config ) {
	'use strict';
	var el = element.createElement;

	/** The block attribute (a property name such as amountEditable) of each element attribute. */
	var blockAttributes = {};
	config.attributes.forEach( function ( attribute ) {
		blockAttributes[ attribute.property ] = { type: attribute.type };
	} );

	function control( attribute, props ) {
		var value = props.attributes[ attribute.property ];
		var set = function ( next ) {
			var change = {};
			// An emptied field removes the attribute rather than saving "".
			change[ attribute.property ] = next === '' ? undefined : next;
			props.setAttributes( change );
		};
		var common = { key: attribute.name, label: attribute.name, help: attribute.description, __nextHasNoMarginBottom: true };
		if ( attribute.type === 'boolean' ) {
			return el( components.ToggleControl, Object.assign( common, { checked: !! value, onChange: set } ) );
		}
		if ( attribute.values.length ) {
			var options = [ { label: '—', value: '' } ].concat( attribute.values.map( function ( v ) { return { label: v, value: v }; } ) );
			return el( components.SelectControl, Object.assign( common, { value: value || '', options: options, onChange: set } ) );
		}
		if ( attribute.type === 'number' ) {
			return el( components.TextControl, Object.assign( common, {
				type: 'number',
				value: value === undefined ? '' : String( value ),
				onChange: function ( text ) { set( text === '' ? '' : Number( text ) ); },
			} ) );
		}
		return el( components.TextControl, Object.assign( common, { value: value || '', onChange: set } ) );
	}

	/** What the page will hold, as the shortcode would write it: shown in the canvas. */
	function tag( attributes ) {
		var parts = [ '<link-checkout' ];
		config.attributes.forEach( function ( attribute ) {
			var value = attributes[ attribute.property ];
			if ( attribute.type === 'boolean' ) {
				if ( value ) parts.push( attribute.name );
			} else if ( value !== undefined && value !== '' ) {
				parts.push( attribute.name + '="' + String( value ) + '"' );
			}
		} );
		return parts.join( ' ' ) + '>';
	}

	blocks.registerBlockType( config.name, {
		apiVersion: 3,
		title: 'Link Checkout',
		description: 'A Stripe Link checkout: a payment, a saved payment method or a subscription.',
		category: 'widgets',
		icon: 'cart',
		attributes: blockAttributes,
		edit: function ( props ) {
			return el(
				'div',
				blockEditor.useBlockProps( { className: 'link-checkout-block' } ),
				el(
					blockEditor.InspectorControls,
					null,
					el( components.PanelBody, { title: 'Checkout attributes' }, config.attributes.map( function ( attribute ) { return control( attribute, props ); } ) )
				),
				el( 'p', null, el( 'strong', null, 'Link Checkout' ), ' — the checkout shows on the published page. Set its attributes in the block settings.' ),
				el( 'code', null, tag( props.attributes ) )
			);
		},
		// Dynamic: PHP renders the tag from the saved attributes.
		save: function () {
			return null;
		},
	} );
} )( window.wp.blocks, window.wp.element, window.wp.components, window.wp.blockEditor, window.linkCheckoutBlock );
