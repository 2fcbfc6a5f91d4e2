package io.tasvie.gateway.page;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The hosted page's words; Persian in {@code messages/msg_fa.properties}. */
@MessageBundle(value = "msg", locale = "en")
public interface PageMessages {

  @Message("Secure payment")
  String title();

  @Message("Pay {merchant}")
  String payTo(String merchant);

  @Message("Amount")
  String amount();

  @Message("Order amount")
  String orderAmount();

  @Message("Card discount")
  String cardDiscount();

  @Message("Total")
  String total();

  @Message(
      "Card payments at this shop are paused for maintenance. Nothing was charged; please try"
          + " again later.")
  String maintenance();

  @Message("This shop is in test mode: only test cards are accepted, and nothing is charged.")
  String realCardInSandbox();

  @Message("Test cards cannot be used for real payments.")
  String testCardInProduction();

  @Message("Save this card for my next payments here")
  String saveCard();

  @Message("Your saved cards")
  String savedCards();

  @Message("Remove")
  String removeCard();

  @Message("Or pay with another card")
  String otherCard();

  @Message("This saved card cannot be used; please enter the card's details.")
  String errorSavedCard();

  @Message("Description")
  String description();

  @Message("Payer")
  String payer();

  @Message("Order reference")
  String reference();

  @Message("Pay by {time}")
  String expiresAt(String time);

  @Message("Card number")
  String cardNumber();

  @Message("Expiry (MM/YY)")
  String expiry();

  @Message("Security code (CVC)")
  String cvc();

  @Message("Name on card")
  String cardholder();

  @Message("Pay")
  String pay();

  @Message("Cancel and return to the shop")
  String cancel();

  @Message("Payment successful")
  String paid();

  @Message("Payment failed")
  String failed();

  @Message("This payment has expired")
  String expired();

  @Message("This payment was cancelled")
  String reversed();

  @Message("Card")
  String card();

  @Message("Approval code")
  String authCode();

  @Message("Reference number (RRN)")
  String rrn();

  @Message("Paid at")
  String paidAt();

  @Message("Return to the shop")
  String returnToShop();

  @Message("You will be returned to the shop in a few seconds.")
  String returning();

  @Message("The card number is not valid.")
  String errorCardNumber();

  @Message("The expiry date is not valid or has passed.")
  String errorExpiry();

  @Message("The security code must be 3 or 4 digits.")
  String errorCvc();

  @Message("The form has expired; please try again.")
  String errorForm();

  @Message("Payment not possible")
  String errorTitle();

  @Message("The card was declined by the issuer.")
  String declined();

  @Message("There are not enough funds on the card.")
  String insufficientFunds();

  @Message("The card has expired.")
  String expiredCard();

  @Message("The issuer did not answer in time; no money was taken. Please try again later.")
  String issuerTimeout();

  @Message("The card is not accepted here.")
  String invalidCard();

  @Message("No such payment.")
  String notFound();

  @Message("Problem code")
  String problemCode();

  @Message("The field {field} contains a character that is not allowed.")
  String refusedText(String field);

  @Message("The payment request was refused.")
  String requestRefused();

  @Message("No gateway account has this ID.")
  String unknownMerchant();

  @Message("The order reference (Res) is not valid.")
  String invalidReference();

  @Message("This order reference (Res) has been used before.")
  String duplicateReference();

  @Message("The amount (Amnt) must be a whole number of rials above 10,000.")
  String invalidAmount();

  @Message("The amount is outside the limits of this gateway.")
  String amountOutOfRange();

  @Message("Card payment is not offered for this amount at this shop.")
  String cardAmountOutOfRange();

  @Message("The card discount leaves nothing to pay.")
  String discountAboveAmount();

  @Message("The payer name (Nam) or the description (Dsc) is too long.")
  String fieldTooLong();

  @Message("The return address (RedirectURL) is not valid for this shop.")
  String invalidRedirectUrl();

  @Message("The shop's signature on this request is missing or not valid.")
  String signatureRefused();

  @Message("This currency is not accepted.")
  String unsupportedCurrency();
}
