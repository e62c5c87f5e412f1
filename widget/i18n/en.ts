/** English: the reference table. Every other language may leave strings out; English fills them. */
export const en = {
  region: "A special offer for your order",
  regularPrice: "Regular price",
  offerPrice: "Your price",
  save: "You save {amount}",
  quantity: "Quantity",
  endsIn: "Offer ends in {time}",
  accept: "Add to my order",
  decline: "No, thanks",
  sending: "Adding…",
  accepted: "Added to your order. Thank you!",
  declined: "No problem. Enjoy your order!",
  acceptedNext: "Added to your order. One more thing:",
  declinedNext: "No problem. Perhaps this instead:",
  pending: "The seller will send you the bill.",
  pay: "Complete the payment",
  expired: "This offer has expired.",
  decided: "You have already answered this offer.",
  withdrawn: "Sorry, this offer is no longer available.",
  error: "Something went wrong. Please try again.",
};
export type Strings = typeof en;
