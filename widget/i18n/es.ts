import type { Strings } from "./en.ts";

export const es: Partial<Strings> = {
  region: "Una oferta especial para tu pedido",
  regularPrice: "Precio habitual",
  offerPrice: "Tu precio",
  save: "Ahorras {amount}",
  quantity: "Cantidad",
  endsIn: "La oferta termina en {time}",
  accept: "Añadir a mi pedido",
  decline: "No, gracias",
  sending: "Añadiendo…",
  accepted: "Añadido a tu pedido. ¡Gracias!",
  declined: "No pasa nada. ¡Disfruta de tu pedido!",
  acceptedNext: "Añadido a tu pedido. Una cosa más:",
  declinedNext: "No pasa nada. Quizá esto, en su lugar:",
  pending: "El vendedor te enviará la factura.",
  pay: "Completar el pago",
  expired: "Esta oferta ha caducado.",
  decided: "Ya has respondido a esta oferta.",
  withdrawn: "Lo sentimos, esta oferta ya no está disponible.",
  error: "Algo ha fallado. Inténtalo de nuevo.",
};
