import type { Strings } from "./en.ts";

export const de: Partial<Strings> = {
  region: "Ein besonderes Angebot zu Ihrer Bestellung",
  regularPrice: "Regulärer Preis",
  offerPrice: "Ihr Preis",
  save: "Sie sparen {amount}",
  quantity: "Menge",
  endsIn: "Angebot endet in {time}",
  accept: "Zur Bestellung hinzufügen",
  decline: "Nein, danke",
  sending: "Wird hinzugefügt…",
  accepted: "Zu Ihrer Bestellung hinzugefügt. Danke!",
  declined: "Kein Problem. Viel Freude mit Ihrer Bestellung!",
  acceptedNext: "Zu Ihrer Bestellung hinzugefügt. Noch etwas:",
  declinedNext: "Kein Problem. Vielleicht stattdessen das hier:",
  pending: "Der Verkäufer schickt Ihnen die Rechnung.",
  pay: "Zahlung abschließen",
  expired: "Dieses Angebot ist abgelaufen.",
  decided: "Sie haben dieses Angebot bereits beantwortet.",
  withdrawn: "Leider ist dieses Angebot nicht mehr verfügbar.",
  error: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
};
