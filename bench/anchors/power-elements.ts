/** Anchor: @power-elements/stripe-elements, the <stripe-elements> card element (card only). */
import '@power-elements/stripe-elements/stripe-elements.js';
