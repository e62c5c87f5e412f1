import type { Strings } from "./en.ts";

export const it: Partial<Strings> = {
  region: "Un’offerta speciale per il tuo ordine",
  regularPrice: "Prezzo normale",
  offerPrice: "Il tuo prezzo",
  save: "Risparmi {amount}",
  quantity: "Quantità",
  endsIn: "L’offerta scade tra {time}",
  accept: "Aggiungi al mio ordine",
  decline: "No, grazie",
  sending: "Aggiunta in corso…",
  accepted: "Aggiunto al tuo ordine. Grazie!",
  declined: "Nessun problema. Goditi il tuo ordine!",
  acceptedNext: "Aggiunto al tuo ordine. Ancora una cosa:",
  declinedNext: "Nessun problema. Forse questo, invece:",
  pending: "Il venditore ti invierà la fattura.",
  pay: "Completa il pagamento",
  expired: "Questa offerta è scaduta.",
  decided: "Hai già risposto a questa offerta.",
  withdrawn: "Ci dispiace, questa offerta non è più disponibile.",
  error: "Qualcosa è andato storto. Riprova.",
};
