import type { Strings } from "./en.ts";

export const pl: Partial<Strings> = {
  region: "Specjalna oferta do Twojego zamówienia",
  regularPrice: "Cena regularna",
  offerPrice: "Twoja cena",
  save: "Oszczędzasz {amount}",
  quantity: "Ilość",
  endsIn: "Oferta kończy się za {time}",
  accept: "Dodaj do zamówienia",
  decline: "Nie, dziękuję",
  sending: "Dodawanie…",
  accepted: "Dodano do zamówienia. Dziękujemy!",
  declined: "Nie ma problemu. Miłego korzystania z zamówienia!",
  acceptedNext: "Dodano do zamówienia. Jeszcze jedno:",
  declinedNext: "Nie ma problemu. Może to zamiast tego:",
  pending: "Sprzedawca wyśle Ci rachunek.",
  pay: "Dokończ płatność",
  expired: "Ta oferta wygasła.",
  decided: "Ta oferta ma już Twoją odpowiedź.",
  withdrawn: "Przepraszamy, ta oferta nie jest już dostępna.",
  error: "Coś poszło nie tak. Spróbuj ponownie.",
};
