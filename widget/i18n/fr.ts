import type { Strings } from "./en.ts";

export const fr: Partial<Strings> = {
  region: "Une offre spéciale pour votre commande",
  regularPrice: "Prix habituel",
  offerPrice: "Votre prix",
  save: "Vous économisez {amount}",
  quantity: "Quantité",
  endsIn: "L’offre se termine dans {time}",
  accept: "Ajouter à ma commande",
  decline: "Non merci",
  sending: "Ajout…",
  accepted: "Ajouté à votre commande. Merci !",
  declined: "Pas de souci. Profitez de votre commande !",
  acceptedNext: "Ajouté à votre commande. Encore une chose :",
  declinedNext: "Pas de souci. Peut-être plutôt ceci :",
  pending: "Le vendeur vous enverra la facture.",
  pay: "Finaliser le paiement",
  expired: "Cette offre a expiré.",
  decided: "Vous avez déjà répondu à cette offre.",
  withdrawn: "Désolé, cette offre n’est plus disponible.",
  error: "Une erreur s’est produite. Veuillez réessayer.",
};
