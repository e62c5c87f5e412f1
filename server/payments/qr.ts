import QRCode from "qrcode";

/**
 * A pay link as a QR code, drawn here as SVG so the widget stays small: a buyer who paid on this device with a
 * wallet can pay the offer on their phone. Only the link is in it, never a price.
 */
export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
